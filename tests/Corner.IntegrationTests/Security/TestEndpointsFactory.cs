using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

/// <summary>
/// Corner plus a few test-only endpoints that exercise response types the app has no route for yet:
/// an unhandled exception, a rate-limited endpoint (sign-in policy, limit 1 a minute) and one that
/// sets every kind of cookie the app configures. They are attached before routing (routing keeps an
/// endpoint that is already chosen), so they run through the app's real middleware pipeline.
/// </summary>
public class TestEndpointsFactory : CornerAppFactory
{
    public const string ThrowPath = "/test/throw";
    public const string LimitedPath = "/test/limited";
    public const string CookiesPath = "/test/cookies";
    public const string SecretDetail = "secret-detail-of-a-failure-5e1f";

    public TestEndpointsFactory() : this(new Dictionary<string, string?>()) { }

    protected TestEndpointsFactory(IDictionary<string, string?> settings) : base(WithLowSignInLimit(settings)) { }

    private static Dictionary<string, string?> WithLowSignInLimit(IDictionary<string, string?> settings) =>
        new(settings) { ["Corner:RateLimits:sign-in"] = "1" };

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, TestEndpointsStartupFilter>();

    private sealed class TestEndpointsStartupFilter : IStartupFilter
    {
        private static readonly Dictionary<string, Endpoint> Endpoints = new(StringComparer.OrdinalIgnoreCase)
        {
            [ThrowPath] = Create(ThrowPath, _ => throw new InvalidOperationException(SecretDetail)),
            [LimitedPath] = Create(LimitedPath, context => context.Response.WriteAsync("ok"), new EnableRateLimitingAttribute("sign-in")),
            [CookiesPath] = Create(CookiesPath, SetEveryCookieAsync),
        };

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (Endpoints.TryGetValue(context.Request.Path.Value ?? "", out var endpoint))
                    context.SetEndpoint(endpoint);
                return nextMiddleware(context);
            });
            next(app);
        };

        private static Endpoint Create(string name, RequestDelegate handler, params object[] metadata) =>
            new(handler, new EndpointMetadataCollection([new AllowAnonymousAttribute(), .. metadata]), "test " + name);

        private static async Task SetEveryCookieAsync(HttpContext context)
        {
            var services = context.RequestServices;
            var db = services.GetRequiredService<CornerDbContext>();
            Person person;
            await using (await db.SystemScopeAsync())
                person = await services.GetRequiredService<UserManager<Person>>().FindByIdAsync(context.Request.Query["person"].ToString())
                    ?? throw new InvalidOperationException("No such person");
            await db.ActAsAsync(person.Id);
            var signIn = services.GetRequiredService<SignInManager<Person>>();
            await signIn.SignInAsync(person, isPersistent: true);
            var principal = await signIn.CreateUserPrincipalAsync(person);
            foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
                await context.SignInAsync(scheme, principal);
            services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
            var tempData = services.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context);
            tempData["Flash"] = "saved";
            tempData.Save();
            await context.Response.WriteAsync("cookies set");
        }
    }
}
