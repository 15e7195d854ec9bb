using Corner.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

public sealed partial class AuthorizationHarnessTests
{
    /// <summary>Signing a device out: A's own session ({sessionId}), which nobody else may end. The snapshot holds the
    /// victims' API sessions only: the harness's own sign-ins (browser sessions) come and go with every attempt.</summary>
    private static HarnessFeature SessionsPart => new(
        [
            new("DELETE", "/api/v1/me/sessions/{sessionId}"),
        ],
        async (factory, world) =>
        {
            world.Ids["sessionId"] = await factory.InScopeAsync(world.A.Id, sp => sp.GetRequiredService<Sessions>()
                .StartAsync(world.A.Id, Sessions.ApiKind, "a stamp", new SessionOrigin("curl", null, null), null, CancellationToken.None));
        },
        """
        select 'session ' || s.id::text from sessions s
        where s.kind = 'api' and s.person_id in (select m.person_id from bond_members m where m.bond_id = $1)
        """);
}
