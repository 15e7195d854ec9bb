using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

/// <summary>Creates spaces directly (system scope), the way the app stores them: the name encrypted
/// with the bond's own data key, bound to its row.</summary>
internal static class TestSpaces
{
    public static Task<Guid> CreateAsync(CornerAppFactory factory, string name, params TestPerson[] members) =>
        factory.CreateSpaceAsync(name, members);

    /// <summary>A pending invitation to <paramref name="bondId"/>, created by <paramref name="by"/>.</summary>
    public static Task<Guid> InviteAsync(CornerAppFactory factory, Guid bondId, TestPerson by) =>
        factory.InScopeAsync(null, sp =>
        {
            var invitation = new Invitation
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                TokenHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
                CreatedBy = by.Id,
                CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
            };
            sp.GetRequiredService<CornerDbContext>().Invitations.Add(invitation);
            return Task.FromResult(invitation.Id);
        });

    public static Task AuditAsync(CornerAppFactory factory, Guid personId, Guid? bondId, string kind) =>
        factory.InScopeAsync(null, sp =>
        {
            sp.GetRequiredService<AuditLog>().Record(kind, personId, bondId);
            return Task.FromResult(0);
        });
}
