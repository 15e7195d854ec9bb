using Corner.IntegrationTests.Support;
using Corner.Web.Features.Appreciations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Appreciations;

/// <summary>Setup the appreciation and backing statement tests share.</summary>
public static class AppreciationsTestKit
{
    public sealed record Couple(TestPerson Ana, TestPerson Ben, Guid BondId, HttpClient AnaClient, HttpClient BenClient);

    public static async Task<Couple> CoupleAsync(this CornerAppFactory factory)
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateSpaceAsync("Ana and Ben", ana, ben);
        return new Couple(ana, ben, bondId, await factory.SignedInClientAsync(ana), await factory.SignedInClientAsync(ben));
    }

    /// <summary>Fills in the "say what you appreciate" form as a person would.</summary>
    public static Task<HttpResponseMessage> SendAppreciationThroughFormAsync(this HttpClient client, Guid bondId, string words,
        string kind = AppreciationWriter.Appreciate) =>
        client.SubmitFormAsync($"/spaces/{bondId}/appreciations/new", new Dictionary<string, string> { ["Kind"] = kind, ["Words"] = words });

    /// <summary>Fills in "I know you have my back when you …" on the backing page.</summary>
    public static Task<HttpResponseMessage> AddStatementThroughFormAsync(this HttpClient client, Guid bondId, string words) =>
        client.SubmitFormAsync($"/spaces/{bondId}/backing", [new("Words", words)], HandlerForm("Add"));

    public static Func<AngleSharp.Html.Dom.IHtmlFormElement, bool> HandlerForm(string handler, Guid? statementId = null) =>
        form => (form.GetAttribute("action") ?? "").Contains("handler=" + handler, StringComparison.Ordinal)
            && (statementId is null || form.QuerySelector($"input[name=statementId][value='{statementId}']") is not null);

    public static Task<int> AppreciationCountAsync(this CornerAppFactory factory, Guid bondId) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<Corner.Web.Data.CornerDbContext>().Set<Appreciation>().CountAsync(a => a.BondId == bondId));

    public static Task<List<BackingStatement>> StatementRowsAsync(this CornerAppFactory factory, Guid bondId) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<Corner.Web.Data.CornerDbContext>().Set<BackingStatement>()
            .Where(s => s.BondId == bondId).OrderBy(s => s.CreatedAt).ToListAsync());

    public static string Text(string html, string selector) =>
        string.Join("\n", Html.Parse(html).QuerySelectorAll(selector).Select(e => e.TextContent.Trim()));
}
