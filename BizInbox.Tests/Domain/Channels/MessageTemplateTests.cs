using BizInbox.Domain;
using BizInbox.Domain.Channels;

namespace BizInbox.Tests.Domain.Channels;

public sealed class MessageTemplateTests
{
    private static MessageTemplate Template(string body) =>
        MessageTemplate.Create(1, "order_ready", "de", TemplateCategory.Utility, "APPROVED", body, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Parts_MarkEachPlaceholder_WithItsName()
    {
        MessageTemplate.Parts("Hallo {{1}}, Bestellung {{ order }} ist da.").ShouldBe([
            new TemplatePart("Hallo ", null), new TemplatePart("{{1}}", "1"), new TemplatePart(", Bestellung ", null),
            new TemplatePart("{{ order }}", "order"), new TemplatePart(" ist da.", null),
        ]);
        MessageTemplate.Parts("{{1}}").ShouldBe([new TemplatePart("{{1}}", "1")]);
    }

    [Fact]
    public void Fill_PutsValuesInParameterOrder_AndKeepsThePlaceholdersOfMissingOnes()
    {
        MessageTemplate.Fill("Hallo {{1}}, Ihr Auftrag {{2}} ist fertig, {{1}}!", ["Jonas", " 4711 "])
            .ShouldBe("Hallo Jonas, Ihr Auftrag 4711 ist fertig, Jonas!");
        MessageTemplate.Fill("Hallo {{name}}, Termin {{ when }}.", ["Jonas", ""]).ShouldBe("Hallo Jonas, Termin {{ when }}.");
        MessageTemplate.Fill("Ohne Parameter.", ["x"]).ShouldBe("Ohne Parameter.");
    }

    [Fact]
    public void Render_NeedsEveryParameter_OnOneLine()
    {
        var template = Template("Hallo {{1}}, Ihr Rad ist am {{2}} fertig.");

        template.Render(["Jonas", "Freitag"]).ShouldBe("Hallo Jonas, Ihr Rad ist am Freitag fertig.");
        Should.Throw<DomainException>(() => template.Render(["Jonas"])).Code.ShouldBe("template.parameters_missing");
        Should.Throw<DomainException>(() => template.Render(["Jonas", " "])).Code.ShouldBe("template.parameters_missing");
        Should.Throw<DomainException>(() => template.Render(["Jonas", "Frei\ntag"])).Code.ShouldBe("template.parameter_invalid");
    }
}
