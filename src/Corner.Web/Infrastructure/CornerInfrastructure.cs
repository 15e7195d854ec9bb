using System.Globalization;
using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Corner.Web.Infrastructure;

public sealed class CornerOptions
{
    /// <summary>Local state: the development master key, mail pickup folder. Never committed.</summary>
    public string DataFolder { get; set; } = "";

    /// <summary>Apply pending migrations at start-up (as the owner role). On by default.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>The address people reach Corner at, used in emailed links.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Where links point: <see cref="PublicUrl"/> when it is set, otherwise the address of this request.</summary>
    public string BaseUrl(HttpRequest? request)
    {
        if (PublicUrl is { Length: > 0 } publicUrl)
            return publicUrl.TrimEnd('/');
        if (request is null)
            throw new InvalidOperationException("No request to take the address from; set Corner:PublicUrl.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}

public static class CornerInfrastructure
{
    public static void AddCornerInfrastructure(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.Configure<CornerOptions>(configuration.GetSection("Corner"));
        services.PostConfigure<CornerOptions>(o =>
        {
            if (string.IsNullOrEmpty(o.DataFolder))
                o.DataFolder = Path.Combine(builder.Environment.ContentRootPath, "App_Data");
        });
        services.Configure<EmailOptions>(configuration.GetSection("Email"));
        services.PostConfigure<EmailOptions>(o =>
        {
            if (string.IsNullOrEmpty(o.PickupFolder))
                o.PickupFolder = Path.Combine(DataFolder(builder), "mail");
        });

        services.AddSingleton(TimeProvider.System);

        // The host logs every request's full URL at Information, and links carry secrets (email
        // confirmation and reset codes, invitation tokens): docs/architecture.md keeps tokens out of logs.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        var appConnection = configuration.GetConnectionString("App")
            ?? throw new InvalidOperationException("ConnectionStrings:App is not set. script/server sets it for you.");
        services.AddSingleton(_ => NpgsqlDataSource.Create(WithPoolDefaults(appConnection)));
        services.AddSingleton<RowSecurityInterceptor>();
        services.AddScoped<DbScope>();
        services.AddDbContext<CornerDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(sp.GetRequiredService<RowSecurityInterceptor>()));
        services.AddScoped<QueryBatch>();
        services.AddSingleton<MigrationRunner>();

        services.AddScoped<EmailSender>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Features.Shared.TakeBack>();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var supported = new[] { new CultureInfo("en") };
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = supported;
            o.SupportedUICultures = supported;
        });

        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "__Host-corner-flash";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
        });
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddCornerCompression();
    }

    /// <summary>
    /// The app pool's defaults, each kept only where the connection string does not say otherwise.
    /// Auto-prepare: a statement used twice on a connection is prepared there, so PostgreSQL stops parsing and
    /// planning the same queries (and their row-security conditions) on every request. It is safe with row-level
    /// security: the policies read <c>current_setting</c> when a statement runs, not when it is planned, and the
    /// person is set per transaction. Pool size: at most 32 connections per node (README "Connections and nodes").
    /// </summary>
    public static string WithPoolDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Says(params string[] keys) => keys.Any(given.ContainsKey);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Says("Max Auto Prepare", "MaxAutoPrepare"))
            builder.MaxAutoPrepare = 100;
        if (!Says("Auto Prepare Min Usages", "AutoPrepareMinUsages"))
            builder.AutoPrepareMinUsages = 2;
        if (!Says("Maximum Pool Size", "Max Pool Size", "MaxPoolSize"))
            builder.MaxPoolSize = 32;
        return builder.ConnectionString;
    }

    public static string DataFolder(WebApplicationBuilder builder) =>
        builder.Configuration["Corner:DataFolder"] is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(builder.Environment.ContentRootPath, "App_Data");

    public static async Task ApplyMigrationsAsync(this WebApplication app)
    {
        var options = app.Configuration.GetSection("Corner").Get<CornerOptions>() ?? new CornerOptions();
        var owner = app.Configuration.GetConnectionString("Owner");
        if (!options.MigrateOnStart || string.IsNullOrEmpty(owner))
            return;
        var runner = app.Services.GetRequiredService<MigrationRunner>();
        await runner.ApplyAsync(owner, MigrationRunner.LoadEmbedded());
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static void UseCornerPipeline(this WebApplication app)
    {
        app.UseKnownProxies();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseCornerCompression();
        // The API answers every refusal, also a bare status (an unknown route, 401, 405), and every failure as
        // RFC 9457 problem details (AddProblemDetails); pages get the calm error pages of Features/Errors.
        app.UseWhen(IsApi, api =>
        {
            if (!app.Environment.IsDevelopment())
                api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            if (!app.Environment.IsDevelopment())
                pages.UseExceptionHandler("/errors/500");
            pages.UseStatusCodePagesWithReExecute("/errors/{0}");
        });
        if (app.Environment.IsDevelopment())
            app.UseDeveloperExceptionPage();
        app.UseMiddleware<DatabaseUnavailableMiddleware>();
        app.UseCookiePolicy();
        app.UseRequestLocalization();
        app.UseCornerStaticFiles();
        app.UseRouting();
        app.UseMiddleware<RequestBodyProblemMiddleware>();
        app.UseMiddleware<NullByteFormMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<RequestTransactionMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<CookieApiWriteProtection>();
        app.UseMiddleware<DbScopeFromUserMiddleware>();
        app.UseMiddleware<CounsellorBoundary>();
        app.UseAuthorization();
        app.UseAntiforgery();
    }
}
