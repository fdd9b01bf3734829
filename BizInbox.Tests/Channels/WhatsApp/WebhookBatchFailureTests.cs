using BizInbox.Tests.Support;
using System.Net;
using System.Text;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Http;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>
/// A message the database refuses with an exception that is no DbUpdateException (any type may come) among good ones
/// sent at the same time: the others are stored and answered 200, the refused one gets a 5xx so that Meta retries it,
/// and the retry stores it once when the database takes it again.
/// </summary>
public sealed class WebhookBatchFailureTests : IAsyncLifetime, IDisposable
{
    private const string Poison = "wamid.POISON";
    private readonly RefusingInterceptor _refuse = new();
    private readonly AppFactory _app;

    public WebhookBatchFailureTests() => _app = new AppFactory
    {
        TestServices = services => services.ConfigureDbContext<SqliteBizInboxDbContext>(b => b.AddInterceptors(_refuse)),
    };

    public async Task InitializeAsync()
    {
        var owner = await _app.CompleteSetupAsync();
        var actor = _app.Services.MemberFor(owner.Id);
        await _app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(actor, "WhatsApp",
            new WhatsAppSettingsInput(PhoneNumberId, BusinessAccountId, "+49 40 1234567", "EAAG-access-token", WebhookApp.AppSecret, "verify-me", null, null));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private async Task<HttpResponseMessage> PostAsync(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppWebhookEndpoints.Path) { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, WebhookApp.AppSecret));
        return await _app.CreateBrowserLikeClient().SendAsync(request);
    }

    private async Task<List<string>> StoredAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        return await db.Messages.Where(m => m.Kind == MessageKind.Incoming).Select(m => m.ClientMessageId!).ToListAsync();
    }

    [Fact]
    public async Task AMessageThatCannotBeStored_Gets500_TheOthersSentWithItAreStored_AndTheRetryStoresItOnce()
    {
        var good = Enumerable.Range(0, 20).Select(i => $"49176510{i:D5}").Select(from => Inbound(from, "Kunde", Text($"wamid.OK-{from}", from, "Gute Nachricht"))).ToList();
        var poison = Inbound("4917651099999", "Kunde", Text(Poison, "4917651099999", "Kann nicht gespeichert werden"));

        var responses = await Task.WhenAll(good.Append(poison).Select(PostAsync));

        responses[..^1].ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        responses[^1].StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var stored = await StoredAsync();
        stored.Count(id => id.StartsWith("wamid.OK-", StringComparison.Ordinal)).ShouldBe(20);
        stored.ShouldNotContain(Poison);

        // Meta delivers what got no 200 again; by then the database takes it.
        _refuse.Enabled = false;
        (await PostAsync(poison)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(poison)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StoredAsync()).Count(id => id == Poison).ShouldBe(1);
    }

    /// <summary>Refuses any save that would add the poison message, with an exception EF would never throw for a constraint.</summary>
    private sealed class RefusingInterceptor : SaveChangesInterceptor
    {
        public volatile bool Enabled = true;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Enabled && eventData.Context!.ChangeTracker.Entries<Message>().Any(e => e.State == EntityState.Added && e.Entity.ClientMessageId == Poison))
            {
                throw new InvalidOperationException("The storage refused this message.");
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
