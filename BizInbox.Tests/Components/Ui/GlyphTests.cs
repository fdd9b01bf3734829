using BizInbox.Web.Ui;
using Bunit;

namespace BizInbox.Tests.Components.Ui;

public sealed class GlyphTests
{
    [Fact]
    public void Title_ClassAndRole_AreText_NeverMarkup()
    {
        using var context = new BunitContext();

        var drawn = context.Render(builder => builder.AddContent(0, Glyph.Small("<path d=\"M0 0h24v24H0z\"/>", "a\" onclick=\"x", "<b>Fett</b> & Co", "r\"o")));

        var svg = drawn.Find("svg");
        svg.QuerySelector("title")!.TextContent.ShouldBe("<b>Fett</b> & Co");
        svg.QuerySelector("b").ShouldBeNull();
        svg.HasAttribute("onclick").ShouldBeFalse();
        svg.GetAttribute("class").ShouldEndWith("a\" onclick=\"x");
        svg.GetAttribute("data-role").ShouldBe("r\"o");
        svg.GetAttribute("aria-hidden").ShouldBe("true");
        svg.QuerySelector("path").ShouldNotBeNull();
    }

    [Fact]
    public void TheSameIcon_IsTheSameMarkup_SharedByEveryCaller() =>
        ReferenceEquals(Glyph.Small("<path/>", "x", "Titel").Value, Glyph.Small("<path/>", "x", "Titel").Value).ShouldBeTrue();
}
