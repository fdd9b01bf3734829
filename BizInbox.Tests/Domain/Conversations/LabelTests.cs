using BizInbox.Domain;
using BizInbox.Domain.Labels;

namespace BizInbox.Tests.Domain.Conversations;

public class LabelTests
{
    [Fact]
    public void Create_TrimsTheNameAndKeepsTheColour()
    {
        var label = Label.Create("  order ", "#1e88e5");

        label.Name.ShouldBe("order");
        label.Color.ShouldBe("#1e88e5");
    }

    [Theory]
    [InlineData("#1E88E5", "#1e88e5")]
    [InlineData("#AbCdEf", "#abcdef")]
    [InlineData("#000000", "#000000")]
    [InlineData("#FFFFFF", "#ffffff")]
    public void Create_StoresTheColourInLowerCase(string color, string stored) =>
        Label.Create("order", color).Color.ShouldBe(stored);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1e88e5")]
    [InlineData("#1e88e")]
    [InlineData("#1e88e5f")]
    [InlineData("#1e88e5ff")]
    [InlineData("#fff")]
    [InlineData("#gggggg")]
    [InlineData("blue")]
    [InlineData("rgb(30,136,229)")]
    [InlineData(" #1e88e5x")]
    public void Create_WithAColourThatIsNotRrggbb_IsRefused(string? color) =>
        Should.Throw<DomainException>(() => Label.Create("order", color!)).Code.ShouldBe("label.color_invalid");

    [Theory]
    [InlineData("#1e88e5\n")]
    [InlineData("#1E88E5\n")]
    public void Create_WithAColourFollowedByALineBreak_IsRefused(string color) =>
        Should.Throw<DomainException>(() => Label.Create("order", color)).Code.ShouldBe("label.color_invalid");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithoutAName_IsRefused(string? name) =>
        Should.Throw<DomainException>(() => Label.Create(name!, "#1e88e5")).Code.ShouldBe("label.name_required");

    [Theory]
    [InlineData(40, true)]
    [InlineData(41, false)]
    public void Create_NameMayHaveAtMost40Characters(int length, bool accepted)
    {
        var name = new string('l', length);

        if (accepted)
        {
            Label.Create(name, "#1e88e5").Name.ShouldBe(name);
        }
        else
        {
            Should.Throw<DomainException>(() => Label.Create(name, "#1e88e5")).Code.ShouldBe("label.name_too_long");
        }
    }

    [Fact]
    public void Change_RenamesAndRecolours()
    {
        var label = Label.Create("order", "#1e88e5");

        label.Change(" orders ", "#E53935");

        label.Name.ShouldBe("orders");
        label.Color.ShouldBe("#e53935");
    }

    [Theory]
    [InlineData("", "#e53935", "label.name_required")]
    [InlineData("orders", "red", "label.color_invalid")]
    public void Change_WhenRefused_ChangesNothing(string name, string color, string code)
    {
        var label = Label.Create("order", "#1e88e5");

        Should.Throw<DomainException>(() => label.Change(name, color)).Code.ShouldBe(code);

        label.Name.ShouldBe("order");
        label.Color.ShouldBe("#1e88e5");
    }
}
