using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.PartnerMap;

public sealed record SpacePartnerMapModel(Guid BondId, MapQuestion Today, int Answered, int Total);

/// <summary>The partner map card's one read, queued with the other cards' (<see cref="ISpaceHomeReads"/>).</summary>
public sealed class SpacePartnerMapReads : ISpaceHomeReads
{
    public QueryBatch.Queued<QuestionOfTheDay.OfferOrAnswer>? Offers { get; private set; }

    public void Queue(QueryBatch batch, SpaceDetails space, Guid personId) => Offers = QuestionOfTheDay.QueueOffers(batch, space.Bond.Id, personId);
}

/// <summary>The partner map's part of a space's home: today's question and a way to the map.</summary>
public sealed class SpacePartnerMapViewComponent(QuestionOfTheDay daily, SpacePartnerMapReads reads) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(SpaceDetails space)
    {
        var bondId = space.Bond.Id;
        var (today, answered) = await daily.CardAsync(reads.Offers!, bondId, HttpContext.User.PersonId());
        return View("/Features/PartnerMap/_SpacePartnerMap.cshtml",
            new SpacePartnerMapModel(bondId, today, answered, QuestionBank.Questions.Count));
    }
}
