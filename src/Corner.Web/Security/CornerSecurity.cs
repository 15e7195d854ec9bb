using System.Threading.RateLimiting;
using Corner.Web.Data;
using Corner.Web.Features.Accounts;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Corner.Web.Security;

public static class CornerSecurity
{
    public const string ApiPolicy = "api";
    private const string CookieOrBearerScheme = "cookie-or-bearer";

    /// <summary>Rate-limit policy names; each is partitioned by client address.</summary>
    public static class RateLimits
    {
        public const string SignIn = "sign-in";
        public const string Register = "register";
        public const string PasswordReset = "password-reset";
        public const string InvitationRedemption = "invitation-redemption";
    }

    public static void AddCornerSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var dataFolder = CornerInfrastructure.DataFolder(builder);
        services.AddSingleton(_ => MasterKey.Load(builder.Configuration, builder.Environment, dataFolder));
        services.AddSingleton<DataKeyCache>();
        services.AddScoped<FieldEncryption>();

        services.AddDataProtection().SetApplicationName("Corner");
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>, DatabaseXmlRepositorySetup>();

        // One default scheme that picks the bearer token when the request carries one and the cookie
        // otherwise, so the signed-in person is known right after UseAuthentication and the database
        // acts as them for cookie and bearer callers alike.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearerScheme;
                o.DefaultChallengeScheme = CookieOrBearerScheme;
            })
            .AddPolicyScheme(CookieOrBearerScheme, null, o => o.ForwardDefaultSelector = context =>
                CarriesBearerToken(context.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme);

        services.AddIdentityCore<Person>(o =>
            {
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                // docs/architecture.md: at least 8 characters, long passphrases welcome, no composition rules.
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddSignInManager()
            .AddClaimsPrincipalFactory<Corner.Web.Features.Accounts.ThemeClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddEntityFrameworkStores<CornerDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = builder.Configuration.GetValue("Corner:SecurityStampInterval", TimeSpan.FromMinutes(1));
            o.OnRefreshingPrincipal = Sessions.KeepSessionClaim;
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "__Host-corner";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/errors/404";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateSecurityStampAsync;
            // Each cookie belongs to a session the privacy centre lists and can end (Features/Accounts/Sessions.cs).
            o.Events.OnSigningIn = Sessions.OnCookieSigningInAsync;
            o.Events.OnSigningOut = Sessions.OnCookieSigningOutAsync;
            // The API answers 401/404 rather than redirecting to a sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status404NotFound);
        });
        foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
            services.Configure<CookieAuthenticationOptions>(scheme, o =>
            {
                o.Cookie.Name = "__Host-corner-" + scheme.Split('.')[^1].ToLowerInvariant();
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.Path = "/";
            });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__Host-corner-af";
            // Antiforgery refuses to run over plain HTTP with SecurePolicy.Always, which would break every
            // form on http://localhost (script/server). The cookie policy below still marks it Secure,
            // which browsers accept from localhost and require for the __Host- prefix.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().Build())
            .AddPolicy(ApiPolicy, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme)
                .RequireAuthenticatedUser());

        // Every cookie Corner sets is Secure and HttpOnly, whatever the component asked for.
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.Always;
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
        });

        services.AddKnownProxies(builder.Configuration);
        AddRateLimits(services, builder.Configuration);
    }

    /// <summary>
    /// The stamp check reads the person's row, which row-level security only shows to that person:
    /// act as the cookie's (authenticated, encrypted) owner, inside a transaction. Requests that hold
    /// no request transaction (unknown URLs, health probes, live streams) get a short one here, or the
    /// check would find nobody and sign the person out. When the stamp is checked, so is the cookie's session
    /// (one that was signed out from another device is refused here).
    /// </summary>
    private static async Task ValidateSecurityStampAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.PersonIdOrNull() is not { } id)
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
            return;
        }
        var services = context.HttpContext.RequestServices;
        // The validator's own rule for when a check is due (it renews the cookie's issue time when it checks). When it
        // is not due the validator would do nothing, so nothing is resolved, read or begun: most requests, and every
        // live stream, which would otherwise open a transaction of its own here.
        var interval = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;
        var due = context.Properties.IssuedUtc is not { } issued
            || services.GetRequiredService<TimeProvider>().GetUtcNow() - issued > interval;
        if (!due)
            return;
        var db = services.GetRequiredService<CornerDbContext>();
        await db.ActAsAsync(id);
        await db.InTransactionAsync(async () =>
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
            if (context.Principal is not null)
                await Sessions.CheckCookieAsync(context);
            return true;
        });
    }

    /// <summary>True when the request authenticates with a bearer token rather than the cookie.</summary>
    public static bool CarriesBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Pages send a signed-out person to sign in; the API and the live stream (which a browser's EventSource
    /// opens on its own and cannot follow to a sign-in page) answer with the status instead.</summary>
    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/live"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static void AddRateLimits(IServiceCollection services, IConfiguration configuration)
    {
        // Generous for people, tight for scripts. Configurable so tests can exercise the limit quickly.
        var perMinute = configuration.GetSection("Corner:RateLimits");
        services.AddRateLimiter(o =>
        {
            void Add(string name, int defaultLimit) =>
                o.AddPolicy(name, context => RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute.GetValue(name, defaultLimit),
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }));
            Add(RateLimits.SignIn, 20);
            Add(RateLimits.Register, 10);
            Add(RateLimits.PasswordReset, 5);
            Add(RateLimits.InvitationRedemption, 10);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await http.Response.WriteAsJsonAsync(new { title = text["TooManyRequests_Title"].Value, status = 429 }, ct);
                    return;
                }
                http.Response.ContentType = "text/html; charset=utf-8";
                var title = System.Net.WebUtility.HtmlEncode(text["TooManyRequests_Title"]);
                var body = System.Net.WebUtility.HtmlEncode(text["TooManyRequests_Body"]);
                await http.Response.WriteAsync(
                    $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
                    $"<title>{title} · Corner</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>" +
                    $"<body><main id=\"main\" class=\"page narrow\"><h1>{title}</h1><p>{body}</p><p><a href=\"/\">Corner</a></p></main></body></html>", ct);
            };
        });
    }
}
