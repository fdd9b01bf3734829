using BizInbox.Web.Features.Simulator;
using Bunit;

namespace BizInbox.Tests.Components.Simulator;

public sealed class SimulatorPageTests : ComponentTest
{
    [Fact]
    public async Task SwitchedOff_SaysHowToSwitchItOn_AndOffersNoCustomer()
    {
        await SignInAsync();

        var page = Render<SimulatorPage>();

        page.Find(".mud-alert").TextContent.ShouldContain("Set WhatsApp:Simulator:Enabled to true");
        page.FindAll("[role=log]").ShouldBeEmpty();
    }
}
