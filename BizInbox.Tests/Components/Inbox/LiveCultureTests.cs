using BizInbox.Web.Identity;
using System.Globalization;
using BizInbox.Domain.Team;
using BizInbox.Web.Components.Layout;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Realtime;
using Bunit;
using BizInbox.Web.Ui;
using BizInbox.Web.Features;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>A live update caused by someone using another language renders in the viewing agent's own language.</summary>
public sealed class LiveCultureTests : InboxComponentTest
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");

    private static Task InGermanAsync(Func<Task> action) => Task.Run(async () =>
    {
        CultureInfo.CurrentCulture = German;
        CultureInfo.CurrentUICulture = German;
        await action();
    });

    [Fact]
    public async Task LiveUpdates_RunTheHandler_InTheSubscribersCulture_NotThePublishers()
    {
        var me = await SignInAsync();
        var live = new LiveUpdates(Get<IInboxEventBus>());
        var heard = new TaskCompletionSource<(string Culture, string UiCulture)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = await live.WatchMyselfAsync(User, _ =>
        {
            heard.TrySetResult((CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name));
            return Task.CompletedTask;
        });

        await InGermanAsync(() =>
        {
            Get<IInboxEventBus>().Publish(new InboxChange(ChangeKind.MentionReceived, 1, 1), Topics.User(me.Id));
            return Task.CompletedTask;
        });

        (await heard.Task.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(("en", "en"));
    }

    [Fact]
    public async Task MentionBell_WhenAGermanSpeakingTeammateMentionsMe_TellsMeInEnglish()
    {
        var owner = await SignInAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var id = await CustomerWritesAsync("Emil Erwähnt", "Garantie?");
        var notes = Get<ConversationService>();
        await notes.AddNoteAsync(As(anna), id, "@Olga Owner erste Frage", Guid.NewGuid().ToString("N"));
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var bell = Render<MentionBell>();
        // The count appears once the bell listens.
        bell.WaitForAssertion(() => bell.Find("[data-testid=mention-count]").TextContent.ShouldBe("1"));

        await InGermanAsync(() => notes.AddNoteAsync(As(anna), id, "@Olga Owner kennst du dich aus?", Guid.NewGuid().ToString("N")));

        snackbars.WaitForAssertion(() => snackbars.Markup.ShouldContain($"Anna Agent mentioned you in #{id}"));
        bell.WaitForAssertion(() => bell.Find("[data-testid=mention-count]").TextContent.ShouldBe("2"));
        CultureInfo.CurrentUICulture.Name.ShouldBe("en");
    }
}
