using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Realtime;
using Bunit;

namespace BizInbox.Tests.Components.Inbox;

public sealed class PresenceLineTests : ComponentTest
{
    [Fact]
    public void SaysWhoIsViewing_WhoIsTyping_AndWhetherTheCustomerTypes()
    {
        var line = Render<PresenceLine>(p => p
            .Add(c => c.Viewers, [new Viewer("b", "Ben Agent", false), new Viewer("c", "Cem Agent", true)])
            .Add(c => c.CustomerTyping, true)
            .Add(c => c.CustomerName, "Clara Kundin"));

        line.Find(".bi-typing").TextContent.ShouldBe("Clara Kundin is typing…");
        line.FindAll(".bi-viewer").Select(v => v.TextContent.Trim()).ShouldBe(["Ben Agent is viewing", "Cem Agent is typing…"]);
        line.Find(".bi-viewer--typing").TextContent.ShouldContain("Cem Agent");
    }

    [Fact]
    public void WhenNobodyElseIsThere_IsEmpty_ButStaysALiveRegion()
    {
        var line = Render<PresenceLine>(p => p.Add(c => c.CustomerName, "Clara Kundin"));

        line.Find(".bi-presence").GetAttribute("aria-live").ShouldBe("polite");
        line.Find(".bi-presence").TextContent.Trim().ShouldBeEmpty();
    }
}
