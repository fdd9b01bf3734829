using BizInbox.Domain.Team;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using BizInbox.Web.Data;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>The inbox's component tests: conversations come from customers writing through the web chat, as in production.</summary>
public abstract class InboxComponentTest : ComponentTest
{
    protected InboxComponentTest()
    {
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    // bUnit names the identity after the string given to SetAuthorized and reads the user id from it: make that the id.
    protected new async Task<AppUser> SignInAsync(TeamRole role = TeamRole.Owner, string name = "Olga Owner")
    {
        var user = await base.SignInAsync(role, name);
        Auth.SetAuthorized(user.Id);
        return user;
    }

    /// <summary>
    /// Waits until the database says so. An open conversation's read marker is stored by its writer after the view has
    /// rendered, so a wait that looks again only when something renders (bUnit's) can miss it.
    /// </summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, because);
            await Task.Delay(20);
        }
    }

    protected async Task MarkReadAsync(long conversationId)
    {
        var page = await Get<ThreadQueries>().MessagesAsync(conversationId, null);
        await Get<ConversationService>().MarkReadAsync(User, conversationId, page.Messages[^1].Id);
    }

    protected async Task<long> CustomerWritesAsync(string name, string text, string? phone = null) =>
        await CustomerWritesAsync(await CustomerOpensChatAsync(name, phone), text);

    /// <summary>A customer opens the first inbox's web chat; they write with <see cref="CustomerWritesAsync(WebChatVisitor, string)"/>.</summary>
    protected async Task<WebChatVisitor> CustomerOpensChatAsync(string name, string? phone = null)
    {
        string key;
        await using (var db = Database.CreateDbContext())
        {
            key = await db.Inboxes.OrderBy(i => i.Id).Select(i => i.PublicKey).FirstAsync();
        }

        return (await Get<WebChatService>().StartAsync(key, name, null, phone)).Visitor;
    }

    protected async Task<long> CustomerWritesAsync(WebChatVisitor visitor, string text) =>
        (await Get<WebChatService>().SendAsync(visitor, Guid.NewGuid().ToString("N"), text)).ConversationId;

    protected Task<ConversationHeader> HeaderAsync(long conversationId) => Get<ThreadQueries>().HeaderAsync(conversationId);
}
