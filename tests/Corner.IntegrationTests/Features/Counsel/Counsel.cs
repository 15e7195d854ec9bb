using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Counsel;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Counsel;

/// <summary>Steps the counsellor tests share, through the same handlers the pages use.</summary>
internal static class Counsel
{
    public static readonly string[] AllScopes = [.. CounselScopes.All];

    /// <summary>A counsellor's account, with two-step sign-in on unless <paramref name="twoStep"/> is false.</summary>
    public static async Task<TestPerson> CreateCounsellorAsync(CornerAppFactory factory, string? name = null, bool twoStep = true)
    {
        var person = await factory.CreatePersonAsync(name ?? "Counsellor " + Guid.NewGuid().ToString("N")[..8]);
        await Sql.OwnerExecuteAsync("update people set kind = 'counsellor', practice_name = 'Riverside Practice', two_factor_enabled = $2 where id = $1",
            person.Id, twoStep);
        return person;
    }

    public static GrantInput Input(string[] scopes, DateOnly? from = null, DateOnly? expiresOn = null, string shownAs = "Sam and Alex") =>
        new("counsellor@example.test", scopes, from ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-60), null,
            expiresOn ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), shownAs, "Between our Tuesday sessions");

    public static Task<ProposedGrant> ProposeAsync(CornerAppFactory factory, Guid bondId, TestPerson by, GrantInput input) =>
        factory.InScopeAsync(by.Id, async sp =>
        {
            var (grant, problems) = await sp.GetRequiredService<CounselGrants>().ProposeAsync(by.Id, bondId, input);
            Assert.Empty(problems);
            return grant!;
        });

    public static Task<GrantProblem?> ConsentAsync(CornerAppFactory factory, Guid bondId, TestPerson person, Guid grantId, int version = 1) =>
        factory.InScopeAsync(person.Id, sp => sp.GetRequiredService<CounselGrants>().ConsentAsync(person.Id, bondId, grantId, version));

    public static Task<TakeProblem?> TakeAsync(CornerAppFactory factory, TestPerson counsellor, string token) =>
        factory.InScopeAsync(counsellor.Id, async sp => (await sp.GetRequiredService<CounselDesk>().TakeAsync(counsellor.Id, token)).Problem);

    public static Task RevokeAsync(CornerAppFactory factory, Guid bondId, TestPerson person, Guid grantId) =>
        factory.InScopeAsync(person.Id, sp => sp.GetRequiredService<CounselGrants>().RevokeAsync(person.Id, bondId, grantId));

    /// <summary>A grant A proposed, B agreed to and the counsellor took.</summary>
    public static async Task<Guid> ActiveGrantAsync(CornerAppFactory factory, Guid bondId, TestPerson a, TestPerson b, TestPerson counsellor,
        params string[] scopes)
    {
        var grant = await ProposeAsync(factory, bondId, a, Input(scopes.Length == 0 ? AllScopes : scopes));
        Assert.Null(await ConsentAsync(factory, bondId, b, grant.Id));
        Assert.Null(await TakeAsync(factory, counsellor, grant.Token));
        return grant.Id;
    }

    /// <summary>A check-in by <paramref name="person"/> with <paramref name="note"/>, shared into the space or kept private.</summary>
    public static Task<Guid> CheckInAsync(CornerAppFactory factory, TestPerson person, Guid bondId, string note, bool shared = true, int supported = 4) =>
        factory.InScopeAsync(person.Id, async sp => (await sp.GetRequiredService<CheckInRecorder>().SaveAsync(person.Id,
            new CheckInInput(["peaceful.calm"], [], 3, note, shared ? [new ShareChoice(bondId, supported)] : []))).Saved!.CheckInId);

    public static Task<long> ReadsAsync(Guid bondId) =>
        Sql.OwnerScalarAsync<long>("select count(*) from audit_events where bond_id = $1 and kind = 'counsel.read'", bondId);
}
