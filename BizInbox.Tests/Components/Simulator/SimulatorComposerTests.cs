using BizInbox.Web.Features.Simulator;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BizInbox.Tests.Components.Simulator;

public sealed class SimulatorComposerTests : ComponentTest
{
    private readonly List<object?> _sent = [];

    private IRenderedComponent<SimulatorComposer> RenderComposer() => Render<SimulatorComposer>(p => p
        .Add(c => c.OnText, EventCallback.Factory.Create<string>(this, t => _sent.Add(t)))
        .Add(c => c.OnPicture, EventCallback.Factory.Create<SimulatorComposer.Picture?>(this, p => _sent.Add(p)))
        .Add(c => c.OnLocation, EventCallback.Factory.Create<SimulatorComposer.Location>(this, l => _sent.Add(l))));

    private static void Click(IRenderedComponent<SimulatorComposer> composer, string text) =>
        composer.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void Send_HandsOnTheText_AndEmptiesTheBox()
    {
        var composer = RenderComposer();

        composer.Input("Message from the customer").Input("Habt ihr heute offen?");
        Click(composer, "Send");

        _sent.ShouldBe(["Habt ihr heute offen?"]);
        composer.Input("Message from the customer").TextContent.ShouldBeEmpty();
    }

    [Fact]
    public void Send_WithOnlySpaces_SendsNothing()
    {
        var composer = RenderComposer();

        composer.Input("Message from the customer").Input("   ");
        Click(composer, "Send");

        _sent.ShouldBeEmpty();
    }

    [Fact]
    public void SendLocation_HandsOnThePlaceAndItsCoordinates()
    {
        var composer = RenderComposer();

        composer.Input("Place").Change("Hafen");
        composer.Input("Latitude").Change("53.5");
        composer.Input("Longitude").Change("9.97");
        Click(composer, "Send location");

        _sent.ShouldBe([new SimulatorComposer.Location(53.5, 9.97, "Hafen")]);
    }

    [Fact]
    public void SamplePicture_AsksForTheBuiltInPicture()
    {
        var composer = RenderComposer();

        Click(composer, "Send a sample picture");

        _sent.ShouldBe([null]);
    }
}
