using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.PartnerMap;

public sealed record SpacePartnerMapModel(Guid BondId, MapQuestion Today, int Answered, int Total);

/// <summary>The partner map's part of a space's home: today's question and a way to the map.</summary>
public sealed class SpacePartnerMapViewComponent(QuestionOfTheDay daily) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Bonds.SpaceDetails space)
    {
        var bondId = space.Bond.Id;
        var personId = HttpContext.User.PersonId();
        var today = await daily.ForTodayAsync(bondId, personId);
        var answered = await daily.AnsweredCountAsync(bondId, personId);
        return View("/Features/PartnerMap/_SpacePartnerMap.cshtml",
            new SpacePartnerMapModel(bondId, today, answered, QuestionBank.Questions.Count));
    }
}
