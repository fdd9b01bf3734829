using BizInbox.Web.Identity;
using BizInbox.Tests.Support;
using System.Net;
using System.Reflection;
using BizInbox.Domain.Team;
using BizInbox.Web.Features.Team;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Http;

/// <summary>
/// Every page, endpoint and hub method of the app, tried anonymously, as agent, manager, owner and as a member deactivated
/// after signing in, against one table. A route or hub method the table does not list fails the test, so nobody adds an
/// unguarded one by accident. Static files (css, js, fonts) are public by nature and left out.
/// </summary>
public class AccessMatrixTests : IClassFixture<AccessMatrixTests.SeededApp>
{
    /// <summary>Who may use a route. Public: the auth layer lets everyone through (the endpoint may still check a token or a slug).</summary>
    public enum Access { Public, Member, Manager, Owner }

    /// <summary>The table: "METHOD pattern" (as the app maps it) → who gets in, and the address tried.</summary>
    private static readonly Dictionary<string, (Access Access, string Url)> Routes = new()
    {
        // Pages
        ["GET /"] = (Access.Member, "/"),
        ["GET /inbox"] = (Access.Member, "/inbox"),
        ["GET /inbox/{ConversationId:long}"] = (Access.Member, "/inbox/1"),
        ["GET /search"] = (Access.Member, "/search?q=x"),
        ["GET /contacts"] = (Access.Member, "/contacts"),
        ["GET /contacts/{Id:guid}"] = (Access.Member, $"/contacts/{Guid.Empty}"),
        ["GET /settings/templates"] = (Access.Member, "/settings/templates"),
        ["GET /settings/canned-replies"] = (Access.Member, "/settings/canned-replies"),
        ["GET /account/password"] = (Access.Member, "/account/password"),
        ["GET /account/security"] = (Access.Member, "/account/security"),
        ["GET /account/access-denied"] = (Access.Member, "/account/access-denied"),
        ["GET /reports"] = (Access.Manager, "/reports"),
        ["GET /contacts/duplicates"] = (Access.Manager, "/contacts/duplicates"),
        ["GET /settings/team"] = (Access.Manager, "/settings/team"),
        ["GET /settings/labels"] = (Access.Manager, "/settings/labels"),
        ["GET /settings/contact-attributes"] = (Access.Manager, "/settings/contact-attributes"),
        ["GET /settings/business-hours"] = (Access.Manager, "/settings/business-hours"),
        ["GET /settings/profile"] = (Access.Owner, "/settings/profile"),
        ["GET /settings/channels"] = (Access.Owner, "/settings/channels"),
        ["GET /settings/audit"] = (Access.Owner, "/settings/audit"),
        ["GET /simulator"] = (Access.Owner, "/simulator"),
        ["GET /setup"] = (Access.Public, "/setup"),
        ["GET /account/login"] = (Access.Public, "/account/login"),
        ["GET /account/lockout"] = (Access.Public, "/account/lockout"),
        ["GET /account/login-2fa"] = (Access.Public, "/account/login-2fa"),
        ["GET /account/forgot-password"] = (Access.Public, "/account/forgot-password"),
        ["GET /account/reset-password"] = (Access.Public, "/account/reset-password?user=x&token=y"),
        ["GET /account/recover"] = (Access.Public, "/account/recover"),
        ["GET /invite/{Token}"] = (Access.Public, "/invite/not-a-token"),
        ["GET /b/{Slug}"] = (Access.Public, "/b/no-such-business"),
        ["GET /error"] = (Access.Public, "/error"),
        ["GET /not-found"] = (Access.Public, "/not-found"),

        // Endpoints
        ["GET /contacts/export.csv"] = (Access.Manager, "/contacts/export.csv"),
        ["GET /contacts/{id:guid}/export.zip"] = (Access.Manager, $"/contacts/{Guid.Empty}/export.zip"),
        ["GET /reports/export/summary.csv"] = (Access.Manager, "/reports/export/summary.csv"),
        ["GET /reports/export/conversations.csv"] = (Access.Manager, "/reports/export/conversations.csv"),
        ["GET /settings/audit/export.csv"] = (Access.Owner, "/settings/audit/export.csv"),
        ["GET /media/{id:guid}"] = (Access.Member, $"/media/{Guid.Empty}"),
        ["POST /account/logout"] = (Access.Public, "/account/logout"),
        ["POST /account/logout-everywhere"] = (Access.Member, "/account/logout-everywhere"),
        ["GET /culture/set"] = (Access.Public, "/culture/set?culture=de&returnUrl=/"),
        ["GET /health/live"] = (Access.Public, "/health/live"),
        ["GET /health/ready"] = (Access.Public, "/health/ready"),
        ["GET /webhooks/whatsapp"] = (Access.Public, "/webhooks/whatsapp"),
        ["POST /webhooks/whatsapp"] = (Access.Public, "/webhooks/whatsapp"),
        ["GET /b/{slug}/picture"] = (Access.Public, "/b/no-such-business/picture"),
        ["GET /chat"] = (Access.Public, "/chat"),
        ["GET /chat/files/{id:guid}"] = (Access.Public, $"/chat/files/{Guid.Empty}"),
        ["POST /simulator/graph/{**rest}"] = (Access.Public, "/simulator/graph/v21.0/1/messages"),
        ["GET /_framework/opaque-redirect"] = (Access.Member, "/_framework/opaque-redirect"),
        ["GET {**path:file}"] = (Access.Member, "/no-such-file.txt"),

        // Hubs: the team's Blazor circuit and the visitors' web chat
        ["POST /_blazor/negotiate"] = (Access.Member, "/_blazor/negotiate?negotiateVersion=1"),
        ["GET /_blazor"] = (Access.Member, "/_blazor"),
        ["POST /_blazor/disconnect/"] = (Access.Member, "/_blazor/disconnect/"),
        ["POST /_blazor/initializers/"] = (Access.Member, "/_blazor/initializers/"),
        ["POST /hubs/widget/negotiate"] = (Access.Public, "/hubs/widget/negotiate?negotiateVersion=1"),
        ["GET /hubs/widget"] = (Access.Public, "/hubs/widget"),
    };

    /// <summary>
    /// Routes that refuse on their own terms everyone the auth layer lets through, whoever they are: the status they
    /// answer instead of letting in. A cookie must not change it.
    /// </summary>
    private static readonly Dictionary<string, HttpStatusCode> OwnRefusals = new()
    {
        ["GET /account/access-denied"] = HttpStatusCode.Forbidden, // the page says "no" in its status too
        ["GET /webhooks/whatsapp"] = HttpStatusCode.Forbidden, // no verify token
        ["POST /webhooks/whatsapp"] = HttpStatusCode.Unauthorized, // no Meta signature
        ["GET /chat/files/{id:guid}"] = HttpStatusCode.Unauthorized, // no ticket from the widget hub; a member's cookie counts for nothing
        ["POST /account/logout"] = HttpStatusCode.BadRequest, // a form without its antiforgery token
        ["POST /account/logout-everywhere"] = HttpStatusCode.BadRequest,
    };

    /// <summary>
    /// The visitor hub's methods: it reads no cookie, so a member is a visitor like anyone; a visitor needs a session
    /// (started or resumed) for everything but looking up the chat and starting or resuming one.
    /// </summary>
    private static readonly Dictionary<string, (bool NeedsSession, object?[] Args)> WidgetHubMethods = new()
    {
        ["GetInboxInfo"] = (false, ["no-such-key"]),
        ["StartSession"] = (false, ["no-such-key", "Eve", null, null]),
        ["Resume"] = (false, ["not-a-token"]),
        ["GetMessages"] = (true, [null]),
        ["MarkSeen"] = (true, [1L]),
        ["SendMessage"] = (true, [Guid.NewGuid().ToString(), "hello"]),
        ["Typing"] = (true, [true]),
    };

    public enum Persona { Anonymous, Agent, Manager, Owner, Deactivated }

    public sealed class SeededApp : IAsyncLifetime
    {
        public AppFactory App { get; } = new()
        {
            // A deactivated member's cookie is checked on every request, not after the usual 30 seconds. Zero also
            // keeps a regression in sight: the circuit's revalidation loop used to spin forever inside every page
            // rendered for a signed-in member (it hung this test before its first answer).
            Settings = { ["Identity:RevalidationInterval"] = "00:00:00" },
        };

        public Dictionary<Persona, HttpClient> Clients { get; } = [];

        public async Task InitializeAsync()
        {
            var owner = await App.CompleteSetupAsync();
            await App.AddMemberAsync(owner, TeamRole.Manager, "manager@example.com");
            await App.AddMemberAsync(owner, TeamRole.Agent, "agent@example.com");
            var leaver = await App.AddMemberAsync(owner, TeamRole.Agent, "leaver@example.com");
            Clients[Persona.Anonymous] = App.CreateBrowserLikeClient();
            foreach (var (persona, email) in new[]
            {
                (Persona.Owner, AppFactory.OwnerEmail), (Persona.Manager, "manager@example.com"),
                (Persona.Agent, "agent@example.com"), (Persona.Deactivated, "leaver@example.com"),
            })
            {
                var client = App.CreateBrowserLikeClient();
                (await Forms.SignInAsync(client, email, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
                Clients[persona] = client;
            }

            var actor = App.Services.MemberFor(owner.Id);
            await App.Services.GetRequiredService<TeamService>().DeactivateAsync(actor, leaver.Id);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly SeededApp _seeded;

    public AccessMatrixTests(SeededApp seeded) => _seeded = seeded;

    [Fact]
    public void EveryRouteOfTheApp_IsInTheTable_AndTheTableListsNoneThatIsGone()
    {
        var mapped = MappedRoutes(_seeded.App);

        mapped.Except(Routes.Keys).ShouldBeEmpty("Routes the access table does not list: add each with who may use it");
        Routes.Keys.Except(mapped).ShouldBeEmpty("Routes in the access table the app no longer maps");
    }

    [Fact]
    public void EveryPageComponent_IsInTheTable()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Select(r => $"GET {r.Template}");

        pages.Except(Routes.Keys).ShouldBeEmpty();
    }

    public static TheoryData<string, Persona> Cells()
    {
        var data = new TheoryData<string, Persona>();
        foreach (var route in Routes.Keys)
        {
            foreach (var persona in Enum.GetValues<Persona>())
            {
                data.Add(route, persona);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachRoute_AnswersEachPersona_AsTheTableSays(string route, Persona persona)
    {
        var (access, url) = Routes[route];
        var method = route.Split(' ')[0];
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        // A hanging answer is a finding too: fail it instead of blocking the run.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var response = await _seeded.Clients[persona].SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        if (Allowed(access, persona) && OwnRefusals.TryGetValue(route, out var own))
        {
            response.StatusCode.ShouldBe(own, $"{route} as {persona}: {response.Headers.Location}");
            return;
        }

        var answer = Classify(response);
        var expected = Allowed(access, persona) ? Answer.LetIn
            : persona is Persona.Anonymous or Persona.Deactivated ? Answer.SignInFirst
            : Answer.Forbidden;
        answer.ShouldBe(expected, $"{route} as {persona}: {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task WidgetHub_RefusesEveryVisitorMethod_WithoutASession()
    {
        var hubMethods = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Hub)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == t)
                .Select(m => m.Name))
            .ToList();
        hubMethods.Order().ShouldBe(WidgetHubMethods.Keys.Order(), "Hub methods the access table does not list (or lists but are gone)");

        await using var hub = _seeded.App.CreateHubConnection("/hubs/widget");
        await hub.StartAsync();
        foreach (var (name, (needsSession, args)) in WidgetHubMethods)
        {
            var error = await Should.ThrowAsync<HubException>(() => hub.InvokeCoreAsync(name, typeof(object), args));
            error.Message.ShouldContain(needsSession ? "session_invalid" : "_", customMessage: name);
        }
    }

    private enum Answer { LetIn, SignInFirst, Forbidden }

    private static bool Allowed(Access access, Persona persona) => access switch
    {
        Access.Public => true,
        Access.Member => persona is Persona.Agent or Persona.Manager or Persona.Owner,
        Access.Manager => persona is Persona.Manager or Persona.Owner,
        _ => persona is Persona.Owner,
    };

    private static Answer Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Answer.SignInFirst,
            HttpStatusCode.Forbidden => Answer.Forbidden,
            HttpStatusCode.Redirect when location.Contains("/account/login", StringComparison.OrdinalIgnoreCase) => Answer.SignInFirst,
            HttpStatusCode.Redirect when location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase) => Answer.Forbidden,
            _ => Answer.LetIn,
        };
    }

    /// <summary>"METHOD pattern" of every endpoint but static files; hubs and endpoints without methods count as their probe's method.</summary>
    private static HashSet<string> MappedRoutes(AppFactory app)
    {
        _ = app.Server;
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Select(e =>
            {
                var pattern = "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/');
                IReadOnlyList<string> methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                var method = methods.Contains("GET") ? "GET" : methods.Count > 0 ? methods[0] : null
                    ?? (pattern.EndsWith("/negotiate", StringComparison.Ordinal) || pattern.EndsWith('/') || pattern.Contains("/graph/") ? "POST" : "GET");
                return pattern == "/{**path:file}" ? "GET {**path:file}" : $"{method} {pattern}";
            })
            .ToHashSet();
    }
}
