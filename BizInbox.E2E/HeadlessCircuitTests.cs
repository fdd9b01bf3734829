using BizInbox.E2E.Benchmarks;
using BizInbox.E2E.Support;
using BizInbox.E2E.Support.Circuits;
using BizInbox.Web.Features.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.E2E;

/// <summary>
/// The headless circuit client the load benchmark runs hundreds of (<see cref="CircuitLoadBenchmark"/>): real circuits on
/// the real inbox, which must see what an agent's screen would show, so the client cannot rot unnoticed.
/// </summary>
public sealed class HeadlessCircuitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HeadlessCircuits_OnTheListAndTheOpenConversation_SeeAWebhooksMessageArrive()
    {
        using var app = new AppServer();
        var owner = await app.CompleteSetupAsync("olga@example.com");
        await BenchmarkWebhooks.ConnectAsync(app, app.MemberFor(owner.Id));
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        await SendAsync(http, 0);
        var conversationId = await app.ConversationOfContactAsync("Kunde 0");
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ConversationService>().AssignAsync(app.MemberFor(owner.Id), conversationId, owner.Id);
        }

        var cookies = await FormSignIn.SignInAsync(new Uri(app.BaseUrl), "olga@example.com", AppServer.Password);
        var (list, listSaw) = Circuit(app, cookies);
        var (thread, threadSaw) = Circuit(app, cookies);
        await using (list)
        await using (thread)
        {
            await list.StartAsync("inbox", Patience);
            await thread.StartAsync($"inbox/{conversationId}", Patience);
            listSaw("Nachricht 0").ShouldBeTrue("the first render of the list shows the conversation's last message");
            listSaw("Nachricht 1").ShouldBeFalse();
            var followed = Follows(thread);

            await SendAsync(http, 1);

            // The list's row shows the text too: the thread's own render is the one that follows its newest message.
            await Until(() => listSaw("Nachricht 1") && threadSaw("Nachricht 1") && Follows(thread) > followed);
            list.Errors.ShouldBeEmpty();
            thread.Errors.ShouldBeEmpty();
            list.Dropped.ShouldBeFalse();
            thread.JsCalls.ShouldNotBeEmpty("the open conversation calls into the page's scripts, which the client answers");
        }
    }

    private static int Follows(HeadlessCircuit circuit) => circuit.JsCalls.GetValueOrDefault("bizInbox.thread.followBottom");

    private static (HeadlessCircuit Circuit, Func<string, bool> Saw) Circuit(AppServer app, System.Net.CookieContainer cookies)
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        var circuit = new HeadlessCircuit(new Uri(app.BaseUrl), cookies, strings =>
        {
            foreach (var text in strings)
            {
                seen.Add(text);
            }
        });
        return (circuit, text => seen.Any(s => s.Contains(text, StringComparison.Ordinal)));
    }

    private static async Task SendAsync(HttpClient http, int i)
    {
        using var response = await http.SendAsync(BenchmarkWebhooks.Text("headless", i, customers: 1));
        response.EnsureSuccessStatusCode();
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the headless circuits did not see the message in time");
            await Task.Delay(50);
        }
    }
}
