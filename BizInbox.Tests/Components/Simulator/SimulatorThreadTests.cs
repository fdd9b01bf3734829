using BizInbox.Web.Features.Simulator;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BizInbox.Tests.Components.Simulator;

public sealed class SimulatorThreadTests : ComponentTest
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static SimulatedMessage FromCustomer(string wamid, string text, SimulatedStatus status = SimulatedStatus.Read) =>
        new(wamid, "4917612345678", SimulatedSender.Customer, At, "text", text, status);

    private static SimulatedMessage FromBusiness(string wamid, string text, params string[] buttons) =>
        new(wamid, "4917612345678", SimulatedSender.Business, At, buttons.Length > 0 ? "interactive" : "text", text, SimulatedStatus.Delivered,
            Choices: [.. buttons.Select((b, i) => new SimulatedChoice($"b{i}", b, null))]);

    [Fact]
    public async Task Thread_PutsTheCustomersMessagesRight_AndTheBusinessesLeft()
    {
        await SignInAsync();

        var thread = Render<SimulatorThread>(p => p.Add(t => t.Messages, [FromCustomer("w1", "Habt ihr offen?"), FromBusiness("w2", "Ja, bis 18 Uhr.")]));

        thread.Find(".bi-sim-bubble--mine").TextContent.ShouldContain("Habt ihr offen?");
        thread.Find(".bi-sim-bubble--theirs").TextContent.ShouldContain("Ja, bis 18 Uhr.");
        thread.Find(".bi-sim-bubble--mine .bi-sim-tick").GetAttribute("aria-label").ShouldBe("Read");
    }

    [Fact]
    public async Task EmptyThread_SaysHowToStart()
    {
        await SignInAsync();

        var thread = Render<SimulatorThread>(p => p.Add(t => t.Messages, []));

        thread.Find(".bi-sim-empty").TextContent.ShouldStartWith("No messages yet.");
    }

    [Fact]
    public async Task OnlyTheLatestButtons_CanBeAnswered_AndAnswerNamesTheChoice()
    {
        await SignInAsync();
        (string Wamid, string ChoiceId)? chosen = null;
        var thread = Render<SimulatorThread>(p => p
            .Add(t => t.Messages, [FromBusiness("old", "Morgen?", "Ja", "Nein"), FromCustomer("w2", "Moment"), FromBusiness("new", "Heute?", "Gern", "Später")])
            .Add(t => t.OnChoose, EventCallback.Factory.Create<(string, string)>(this, c => chosen = c)));

        var choices = thread.FindAll(".bi-sim-choice");
        choices.Where(c => c.HasAttribute("disabled")).Select(c => c.TextContent.Trim()).ShouldBe(["Ja", "Nein"]);
        choices.Single(c => c.TextContent.Trim() == "Später").Click();

        chosen.ShouldBe(("new", "b1"));
    }

    [Fact]
    public async Task Reactions_ShowOnTheirMessage_NotAsMessagesOfTheirOwn()
    {
        await SignInAsync();
        (string Wamid, string Emoji)? reacted = null;
        var reaction = FromCustomer("r1", "❤️") with { Type = "reaction", ReactionTo = "w2" };
        var thread = Render<SimulatorThread>(p => p
            .Add(t => t.Messages, [FromBusiness("w2", "Danke für Ihre Bestellung"), reaction])
            .Add(t => t.OnReact, EventCallback.Factory.Create<(string, string)>(this, r => reacted = r)));

        thread.FindAll(".bi-sim-bubble").Count.ShouldBe(1);
        thread.Find(".bi-sim-reaction").TextContent.ShouldBe("❤️");
        thread.FindAll(".bi-sim-react button")[0].Click();
        reacted.ShouldBe(("w2", "👍"));
    }
}
