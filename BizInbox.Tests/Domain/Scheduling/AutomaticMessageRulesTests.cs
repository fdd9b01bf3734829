using System.Globalization;
using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Scheduling;
using static BizInbox.Tests.Domain.Scheduling.Schedules;

namespace BizInbox.Tests.Domain.Scheduling;

public class AutomaticMessageRulesTests
{
    private static readonly BusinessCalendar Office = Calendar("Mon-Fri 09:00-17:00");

    private static AutomaticMessages Settings(bool greeting = true, int? againAfterHours = null, bool away = true, string awayText = "We are closed. We open {{next_opening}}.", string language = "en") =>
        AutomaticMessages.Create(1, greeting, "Hello! We will be right with you.", againAfterHours, away, awayText, language);

    [Fact]
    public void FirstMessage_InBusinessHours_GetsTheGreeting()
    {
        var plan = AutomaticMessageRules.Decide(Settings(), Office, At(2026, 12, 1, 10), previousCustomerMessageAt: null).ShouldNotBeNull();

        (plan.Kind, plan.Text, plan.Key).ShouldBe((AutomaticMessageKind.Greeting, "Hello! We will be right with you.", "auto:greeting:first"));
    }

    [Fact]
    public void LaterMessage_WithoutASilenceRule_GetsNothing() =>
        AutomaticMessageRules.Decide(Settings(), Office, At(2026, 12, 10, 10), At(2026, 12, 1, 10)).ShouldBeNull();

    [Theory]
    [InlineData(23, false)]
    [InlineData(24, true)]
    [InlineData(200, true)]
    public void LaterMessage_GetsTheGreetingAgain_OnlyAfterTheConfiguredSilence(int hoursOfSilence, bool greeted)
    {
        var at = At(2026, 12, 10, 10);

        var plan = AutomaticMessageRules.Decide(Settings(againAfterHours: 24), Office, at, at.AddHours(-hoursOfSilence));

        (plan?.Kind).ShouldBe(greeted ? AutomaticMessageKind.Greeting : null);
    }

    [Fact]
    public void TwoSilences_AreTwoPeriods_ButTheMessagesOfABurstShareNone()
    {
        var settings = Settings(againAfterHours: 24);
        var first = AutomaticMessageRules.Decide(settings, Office, At(2026, 12, 3, 10), At(2026, 12, 1, 10))!;
        var second = AutomaticMessageRules.Decide(settings, Office, At(2026, 12, 8, 10), At(2026, 12, 3, 10))!;

        first.Key.ShouldNotBe(second.Key);
        // The message right after the one that ended the silence is no new silence.
        AutomaticMessageRules.Decide(settings, Office, At(2026, 12, 8, 10, 1), At(2026, 12, 8, 10)).ShouldBeNull();
    }

    [Theory]
    [InlineData(2026, 12, 4, 18, 0)]
    [InlineData(2026, 12, 5, 12, 0)]
    [InlineData(2026, 12, 7, 8, 59)]
    public void EveryMessageOfOneClosedPeriod_HasTheSameAwayKey_SoOnlyOneIsSent(int y, int m, int d, int h, int min)
    {
        var plan = AutomaticMessageRules.Decide(Settings(), Office, At(y, m, d, h, min), At(2026, 12, 4, 17, 30)).ShouldNotBeNull();

        plan.Kind.ShouldBe(AutomaticMessageKind.Away);
        plan.Key.ShouldBe($"auto:away:{At(2026, 12, 7, 9).UtcTicks}");
    }

    [Fact]
    public void TheNextClosedPeriod_IsANewPeriod()
    {
        var friday = AutomaticMessageRules.Decide(Settings(), Office, At(2026, 12, 4, 18), null)!;
        var monday = AutomaticMessageRules.Decide(Settings(), Office, At(2026, 12, 7, 18), null)!;

        monday.Key.ShouldNotBe(friday.Key);
    }

    [Theory]
    [InlineData(2026, 12, 1, 9, 0)]
    [InlineData(2026, 12, 1, 16, 59)]
    public void DuringBusinessHours_TheAwayMessageNeverGoes(int y, int m, int d, int h, int min) =>
        AutomaticMessageRules.Decide(Settings(greeting: false), Office, At(y, m, d, h, min), null).ShouldBeNull();

    [Fact]
    public void OutsideBusinessHours_TheAwayMessageStandsInForTheGreeting_AndWithoutItTheGreetingGoes()
    {
        AutomaticMessageRules.Decide(Settings(), Office, At(2026, 12, 5, 12), null)!.Kind.ShouldBe(AutomaticMessageKind.Away);
        AutomaticMessageRules.Decide(Settings(away: false), Office, At(2026, 12, 5, 12), null)!.Kind.ShouldBe(AutomaticMessageKind.Greeting);
    }

    [Fact]
    public void NextOpening_AcrossAWeekend_IsMondayMorning()
    {
        var plan = AutomaticMessageRules.Decide(Settings(), Office, At(2026, 12, 4, 18), null)!;

        plan.Text.ShouldBe("We are closed. We open Monday 09:00.");
    }

    [Fact]
    public void NextOpening_AcrossEaster_SkipsTheHolidays_InTheTextsLanguage()
    {
        // Good Friday is 3 April 2026 and Easter Monday 6 April: from Thursday evening the next opening is Tuesday.
        var easter = Calendar(GermanState.Bavaria, [], "Mon-Fri 09:00-17:00");

        var plan = AutomaticMessageRules.Decide(Settings(awayText: "Wir sind ab {{ next_opening }} wieder da.", language: "de"), easter, At(2026, 4, 2, 18), null)!;

        plan.Text.ShouldBe("Wir sind ab Dienstag 09:00 wieder da.");
    }

    [Fact]
    public void NextOpening_MoreThanAWeekAhead_CarriesTheDate()
    {
        var holidays = Calendar(null, [Closure.Days(new DateOnly(2026, 12, 21), new DateOnly(2027, 1, 1), "Holidays")], "Mon-Fri 09:00-17:00");

        var plan = AutomaticMessageRules.Decide(Settings(), holidays, At(2026, 12, 19, 12), null)!;

        plan.Text.ShouldBe("We are closed. We open Monday, January 4 09:00.");
    }

    [Fact]
    public void NeverOpen_LeavesOutTheSentenceAboutTheNextOpening_AndIsSentOnce()
    {
        var never = Calendar();

        var plan = AutomaticMessageRules.Decide(Settings(awayText: "Thanks for writing! We open {{next_opening}}. We read every message."), never, At(2026, 12, 5, 12), null)!;

        plan.Text.ShouldBe("Thanks for writing! We read every message.");
        plan.Key.ShouldBe("auto:away:never");
    }

    [Fact]
    public void NeverOpen_WithNothingButTheNextOpening_SendsNothing() =>
        AutomaticMessageRules.Decide(Settings(greeting: false, awayText: "Back {{next_opening}}"), Calendar(), At(2026, 12, 5, 12), null).ShouldBeNull();

    [Fact]
    public void DescribeOpening_WritesTheWeekdayInTheBusinessZone() =>
        AutomaticMessageRules.DescribeOpening(Utc(2026, 12, 7, 8), Utc(2026, 12, 5, 8), Berlin, CultureInfo.GetCultureInfo("de-DE")).ShouldBe("Montag 09:00");

    [Theory]
    [InlineData(true, "", null, "automatic.greeting_text_required")]
    [InlineData(false, "x", 0, "automatic.silence_range")]
    [InlineData(false, "x", 2161, "automatic.silence_range")]
    public void Settings_RefuseAnEmptyTextThatIsOn_AndASilenceOutOfRange(bool greeting, string text, int? hours, string code) =>
        Should.Throw<DomainException>(() => AutomaticMessages.Create(1, greeting, text, hours, false, "", "en")).Code.ShouldBe(code);

    [Fact]
    public void Settings_KeepTheTextOfAMessageThatIsOff_AndRefuseAnAwayWithoutText()
    {
        var settings = AutomaticMessages.Create(1, false, "  Draft greeting ", null, false, "", "de");
        settings.GreetingText.ShouldBe("Draft greeting");
        Should.Throw<DomainException>(() => settings.Change(false, "", null, true, " ", "de")).Code.ShouldBe("automatic.away_text_required");
    }
}
