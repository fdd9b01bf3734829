using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using BizInbox.Web.Data;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>The composer's tests: a conversation a customer started on the web chat, and what the database then holds.</summary>
public abstract class ComposerTest : ComponentTest
{
    protected ComposerTest()
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    // bUnit reads the user id from the name given to SetAuthorized: make that the id.
    protected new async Task<AppUser> SignInAsync(TeamRole role = TeamRole.Owner, string name = "Olga Owner")
    {
        var user = await base.SignInAsync(role, name);
        Auth.SetAuthorized(user.Id);
        return user;
    }

    protected async Task<(long ConversationId, long MessageId)> CustomerWritesAsync(string name, string text)
    {
        string key;
        await using (var db = Database.CreateDbContext())
        {
            key = await db.Inboxes.OrderBy(i => i.Id).Select(i => i.PublicKey).FirstAsync();
        }

        var chat = Get<WebChatService>();
        var (_, visitor) = await chat.StartAsync(key, name, null, null);
        var (message, conversationId) = await chat.SendAsync(visitor, Guid.NewGuid().ToString("N"), text);
        return (conversationId, message.Id);
    }

    protected async Task<List<Message>> MessagesAsync(long conversationId, MessageKind kind)
    {
        await using var db = Database.CreateDbContext();
        return await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Kind == kind).OrderBy(m => m.Id).ToListAsync();
    }

    protected async Task<Draft?> DraftAsync(string userId, long conversationId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.UserId == userId && d.ConversationId == conversationId);
    }

    /// <summary>What the browser's box holds when Send is pressed.</summary>
    protected void BoxHolds(string text)
    {
        JSInterop.Setup<string?>("bizInbox.composer.text", _ => true).SetResult(text);
        JSInterop.Setup<string?>("bizInbox.composer.consume", _ => true).SetResult(string.Empty);
    }

    protected IRenderedComponent<Composer> RenderComposer(long conversationId, long lastMessageId, ConversationHeader? header = null) =>
        Render<Composer>(p => p
            .Add(c => c.ConversationId, conversationId)
            .Add(c => c.LastMessageId, lastMessageId)
            .Add(c => c.Header, header));

    /// <summary>Where snackbars and dialogs (MessageBox) appear.</summary>
    protected (IRenderedComponent<MudBlazor.MudSnackbarProvider> Snackbars, IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs) RenderOverlays()
    {
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        Render<MudBlazor.MudPopoverProvider>();
        return (snackbars, dialogs);
    }

    /// <summary>The instant the composer sees (the 24-hour window is measured from it).</summary>
    protected DateTimeOffset Now => Services.GetRequiredService<TimeProvider>().GetUtcNow();

    protected static AngleSharp.Dom.IElement Button(IRenderedComponent<Composer> composer, string text) =>
        composer.FindAll("button").First(b => b.TextContent.Trim() == text);

    /// <summary>A WhatsApp conversation's header whose customer last wrote at <paramref name="lastCustomerMessageAt"/>.</summary>
    protected static ConversationHeader WhatsAppHeader(long conversationId, DateTimeOffset? lastCustomerMessageAt) =>
        new(conversationId, 1, "WhatsApp", ChannelType.WhatsApp, Guid.NewGuid(), "Jonas Jansen", null, "+4917612345678", DateTimeOffset.UtcNow,
            ConversationStatus.Open, null, ConversationPriority.None, null, null, [], DateTimeOffset.UtcNow, null, 0, lastCustomerMessageAt);
}
