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

    private static AngleSharp.Dom.IElement Box(IRenderedComponent<SimulatorComposer> composer) => composer.Find("textarea");

    [Fact]
    public void TheTextBox_IsLabelled()
    {
        var composer = RenderComposer();

        composer.Find($"label[for='{Box(composer).Id}']").TextContent.ShouldBe("Message from the customer");
    }

    [Fact]
    public void Send_HandsOnTheText_AndLetsTheBrowserTakeOnlyThatOutOfTheBox()
    {
        var consume = JSInterop.Setup<string?>("bizInbox.box.consume", _ => true);
        consume.SetResult(string.Empty);
        var composer = RenderComposer();

        Box(composer).Input("Habt ihr heute offen?");
        Click(composer, "Send");

        _sent.ShouldBe(["Habt ihr heute offen?"]);
        consume.Invocations.Single().Arguments[1].ShouldBe("Habt ihr heute offen?");
    }

    [Fact]
    public void TheTextBox_NeverGetsItsValueFromTheServer()
    {
        // Emptying it from here would wipe what the customer typed while the send was on its way over a slow link.
        JSInterop.Setup<string?>("bizInbox.box.consume", _ => true).SetResult(string.Empty);
        var composer = RenderComposer();

        Box(composer).Input("Habt ihr heute offen?");
        Click(composer, "Send");

        Box(composer).HasAttribute("value").ShouldBeFalse();
        Box(composer).TextContent.ShouldBeEmpty();
    }

    [Fact]
    public void WhatWasTypedDuringASend_IsWhatTheNextSendHandsOn()
    {
        JSInterop.Setup<string?>("bizInbox.box.consume", i => (string?)i.Arguments[1] == "Habt ihr heute offen?").SetResult("Und morgen?");
        JSInterop.Setup<string?>("bizInbox.box.consume", i => (string?)i.Arguments[1] == "Und morgen?").SetResult(string.Empty);
        var composer = RenderComposer();

        Box(composer).Input("Habt ihr heute offen?");
        Click(composer, "Send");
        Click(composer, "Send");

        _sent.ShouldBe(["Habt ihr heute offen?", "Und morgen?"]);
    }

    [Fact]
    public void Send_WithOnlySpaces_SendsNothing()
    {
        var composer = RenderComposer();

        Box(composer).Input("   ");
        Click(composer, "Send");

        _sent.ShouldBeEmpty();
        JSInterop.Invocations.Select(i => i.Identifier).ShouldNotContain("bizInbox.box.consume");
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
