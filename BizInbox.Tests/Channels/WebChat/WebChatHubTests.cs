using BizInbox.Tests.Http;
using BizInbox.Web.Channels.WebChat;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace BizInbox.Tests.Channels.WebChat;

/// <summary>
/// The widget's hub on the real app, spoken to with the .NET SignalR client over WebSockets as a visitor's
/// browser would: a connection acts only for the visitor whose session it started or resumed.
/// </summary>
public sealed class WebChatHubTests : IAsyncLifetime, IDisposable
{
    private readonly AppFactory _app = new();
    private readonly List<HubConnection> _connections = [];
    private string _inboxKey = string.Empty;

    public async Task InitializeAsync()
    {
        await _app.CompleteSetupAsync();
        _inboxKey = await _app.WebChatKeyAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    public void Dispose() => _app.Dispose();

    private async Task<HubConnection> ConnectAsync()
    {
        var connection = _app.CreateHubConnection(WebChatHub.Path);
        _connections.Add(connection);
        await connection.StartAsync();
        return connection;
    }

    [Theory]
    [InlineData("0171 2345678")] // national: the business has no country to read it in
    [InlineData("+49 171")]
    [InlineData("+999 1234567")]
    public async Task StartSession_WithAPhoneThatIsNotANumber_IsRefusedForThePhoneField(string phone)
    {
        var visitor = await ConnectAsync();

        var refusal = await Should.ThrowAsync<HubException>(() => visitor.InvokeAsync<WebChatSession>("StartSession", _inboxKey, "Alice", null, phone));

        refusal.Message.ShouldEndWith("phone_invalid");
    }

    [Fact]
    public async Task AnonymousVisitor_CannotReadAnotherCustomersConversation_NorActWithoutASession()
    {
        var alice = await ConnectAsync();
        await alice.InvokeAsync<WebChatSession>("StartSession", _inboxKey, "Alice Geheim", null, null);
        var secret = await alice.InvokeAsync<WebChatMessage>("SendMessage", "alice-1", "Meine Kundennummer ist 4711");
        (await alice.InvokeAsync<List<WebChatMessage>>("GetMessages", (long?)null)).ShouldContain(m => m.Text.Contains("4711"));

        var mallory = await ConnectAsync();
        await ShouldBeRefusedAsync(() => mallory.InvokeAsync<List<WebChatMessage>>("GetMessages", (long?)null));
        await ShouldBeRefusedAsync(() => mallory.InvokeAsync<WebChatMessage>("SendMessage", "x1", "hallo"));
        await ShouldBeRefusedAsync(() => mallory.InvokeAsync<WebChatSession>("Resume", "forged-token"));
        await ShouldBeRefusedAsync(() => mallory.InvokeAsync<List<WebChatMessage>>("GetMessages", 0L));
        await ShouldBeRefusedAsync(() => mallory.InvokeAsync("MarkSeen", secret.Id));
        await ShouldBeRefusedAsync(() => mallory.InvokeAsync("Typing", true));

        // A session of her own gives her her own, empty conversation, not Alice's.
        await mallory.InvokeAsync<WebChatSession>("StartSession", _inboxKey, "Mallory", null, null);
        (await mallory.InvokeAsync<List<WebChatMessage>>("GetMessages", (long?)null)).ShouldBeEmpty();
        (await mallory.InvokeAsync<List<WebChatMessage>>("GetMessages", 0L)).ShouldBeEmpty();
    }

    private static async Task ShouldBeRefusedAsync(Func<Task> call) =>
        (await Should.ThrowAsync<HubException>(call)).Message.ShouldEndWith("session_invalid");
}
