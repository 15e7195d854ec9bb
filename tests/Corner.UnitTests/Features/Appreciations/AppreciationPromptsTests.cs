using Corner.Web.Features.Appreciations;

namespace Corner.UnitTests.Features.Appreciations;

public sealed class AppreciationPromptsTests
{
    [Fact]
    public void Next_FromAnyPrompt_IsNeverTheSameOneAndGoesThroughTheWholeBankBeforeRepeating()
    {
        var index = AppreciationPrompts.Current(null, sentCount: 7);
        var seen = new List<int> { index };
        for (var i = 1; i < AppreciationPrompts.Count; i++)
        {
            var next = AppreciationPrompts.Next(index);
            Assert.NotEqual(index, next);
            seen.Add(next);
            index = next;
        }
        Assert.Equal(AppreciationPrompts.Count, seen.Distinct().Count());
        Assert.Equal(seen[0], AppreciationPrompts.Next(index));
    }

    [Theory]
    [InlineData(null, 0, 0)]
    [InlineData(null, 13, 3)]
    [InlineData(4, 13, 4)]
    [InlineData(-1, 2, 2)]
    [InlineData(10, 2, 2)]
    [InlineData(int.MaxValue, 1, 1)]
    public void Current_WithOrWithoutARequestedPrompt_IsAlwaysOneThatExists(int? requested, int sentCount, int expected) =>
        Assert.Equal(expected, AppreciationPrompts.Current(requested, sentCount));

    [Fact]
    public void Prompts_InTheResourceFile_ExistForEveryIndex()
    {
        var resx = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Corner.Web", "Resources", "Features", "Appreciations", "AppreciationsText.resx"));
        var keys = resx.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        for (var i = 0; i < AppreciationPrompts.Count; i++)
            Assert.Contains(AppreciationPrompts.TextKey(i), keys);
        Assert.DoesNotContain(AppreciationPrompts.TextKey(AppreciationPrompts.Count), keys);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Corner.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Corner.slnx).");
    }
}
