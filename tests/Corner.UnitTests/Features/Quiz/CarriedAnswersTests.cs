using Corner.Web.Features.Quiz;

namespace Corner.UnitTests.Features.Quiz;

public sealed class CarriedAnswersTests
{
    private static readonly QuizBank Bank = new([new QuizDimension("toward", ["toward_1", "toward_2"]), new QuizDimension("back", ["back_1"])]);

    [Fact]
    public void Parse_WhatQuizJsWrites_GivesTheAnswers()
    {
        var answers = CarriedAnswers.Parse("""{"v":1,"answers":{"toward_1":4,"back_1":1}}""", Bank)!;

        Assert.Equal(4, answers["toward_1"]);
        Assert.Equal(1, answers["back_1"]);
        Assert.Equal(2, answers.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"v":2,"answers":{"toward_1":4}}""")]
    [InlineData("""{"answers":{"toward_1":4}}""")]
    [InlineData("""{"v":1}""")]
    [InlineData("""{"v":1,"answers":{"toward_1":6}}""")]
    [InlineData("""{"v":1,"answers":{"toward_1":0}}""")]
    [InlineData("""{"v":1,"answers":{"toward_1":4.5}}""")]
    [InlineData("""{"v":1,"answers":{"toward_1":"4"}}""")]
    [InlineData("""{"v":1,"answers":{"someone_else":4}}""")]
    [InlineData("""{"v":1,"answers":{"toward_1":4,"toward_1":5}}""")]
    [InlineData("""{"v":1,"answers":{"toward_1":4},"person":"00000000-0000-0000-0000-000000000001"}""")]
    [InlineData("""{"v":1,"answers":{"toward_1":{"deep":[[[[1]]]]}}}""")]
    [InlineData("""{"v":1,"answers":{"toward_1":4}""")]
    public void Parse_MalformedOrForged_IsRefusedWhole(string blob)
    {
        Assert.Null(CarriedAnswers.Parse(blob, Bank));
    }

    [Fact]
    public void Parse_Oversized_IsRefused()
    {
        var blob = """{"v":1,"answers":{"toward_1":4}}""" + new string(' ', CarriedAnswers.MaxLength);

        Assert.Null(CarriedAnswers.Parse(blob, Bank));
    }
}
