using System.Globalization;
using System.Security.Cryptography;
using BizInbox.Domain;
using BizInbox.Domain.Team;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Channels.WhatsApp.Wire;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Features.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using BizInbox.Web.Ui;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Simulator;

/// <summary>A simulated customer: a WhatsApp id (digits of the phone number) and the profile name WhatsApp shows.</summary>
public sealed record SimulatedCustomer(string WaId, string Name);

/// <summary>
/// The owner's side of the WhatsApp simulator: sets up the simulator's number (a real WhatsApp connection whose Graph
/// address is the app's own fake) and plays a customer, whose messages reach the app as signed webhooks over HTTP.
/// Owner only, and only while <c>WhatsApp:Simulator:Enabled</c> is true.
/// </summary>
public sealed class SimulatorService(
    IDbContextFactory<BizInboxDbContext> contexts, WhatsAppConnections connections, TemplateService templates, SimulatorStore store,
    SimulatorWebhooks webhooks, IOptions<SimulatorOptions> options, TimeProvider clock, ILogger<SimulatorService> logger)
{
    private const long MaxPictureBytes = 5 * 1024 * 1024;

    /// <summary>A small landscape (PNG) for trying pictures without picking a file.</summary>
    public static readonly byte[] SamplePicture = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAmklEQVR42u3WTQ2AMAyG4cpBBCKQgxyUcEYODiBcCAvdHytbu3zJK+A5NG1pXndVEUAAAWQUdGzDuzYglpLOosqaqKlrUKImbAIIIIAsgbAYLd4yjdceD1ofoHGZfFUFBRw+FmnQPFmkhHJHqjTyoELNBWJHvQnFARWapDQO6BtLkMKDskziGh6UwvqDEgG1CiCAAAIIIIAyOwFVEfwJhLWZnwAAAABJRU5ErkJggg==");

    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// Connects the simulator's number once (with fresh random secrets) and keeps its Graph address pointing at this
    /// app; returns the inbox id. <paramref name="pageBaseUri"/> is where the owner reached the app, unless configured.
    /// </summary>
    public async Task<int> SetUpAsync(CurrentMember actor, Uri pageBaseUri, string inboxName, CancellationToken ct = default)
    {
        await RequireOwnerAsync(actor, ct);
        var appBase = options.Value.AppBaseUrl is { Length: > 0 } configured ? configured : pageBaseUri.ToString();
        var graphBase = appBase.TrimEnd('/') + SimulatorOptions.GraphPath;
        var existing = await FindConnectionAsync(ct);
        if (existing is null)
        {
            try
            {
                var inboxId = await connections.ConnectAsync(actor, inboxName, new WhatsAppSettingsInput(
                    SimulatorOptions.PhoneNumberId, SimulatorOptions.BusinessAccountId, SimulatorOptions.DisplayPhoneNumber,
                    NewSecret(), NewSecret(), NewSecret(), null, graphBase), ct);
                await SyncTemplatesAsync(actor, inboxId, ct);
                return inboxId;
            }
            catch (DomainException ex) when (ex.Code == "whatsapp.number_taken")
            {
                // Set up at the same moment in another tab.
                return (await FindConnectionAsync(ct))!.InboxId;
            }
        }

        if (existing.GraphBaseUrl != graphBase)
        {
            await connections.UpdateAsync(actor, existing.InboxId, new WhatsAppSettingsInput(
                existing.PhoneNumberId, existing.BusinessAccountId, existing.DisplayPhoneNumber, null, null, null, existing.GraphApiVersion, graphBase), ct);
        }

        return existing.InboxId;
    }

    public async Task<IReadOnlyList<SimulatedCustomer>> CustomersAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await RequireOwnerAsync(actor, ct);
        return store.Customers(SimulatorOptions.PhoneNumberId).Select(c => new SimulatedCustomer(c.WaId, c.Name)).ToList();
    }

    /// <summary>The conversation as the customer's phone shows it, oldest first.</summary>
    public async Task<IReadOnlyList<SimulatedMessage>> ConversationAsync(CurrentMember actor, string waId, CancellationToken ct = default)
    {
        await RequireOwnerAsync(actor, ct);
        return store.Conversation(SimulatorOptions.PhoneNumberId, waId);
    }

    /// <summary>Calls <paramref name="changed"/> whenever the simulator's conversations change; dispose to stop.</summary>
    public IDisposable Watch(Action changed) => store.Watch(SimulatorOptions.PhoneNumberId, changed);

    public Task SendTextAsync(CurrentMember actor, SimulatedCustomer customer, string text, CancellationToken ct = default)
    {
        var body = (text ?? string.Empty).Trim();
        if (body.Length is 0 or > 4096)
        {
            throw new DomainException("simulator.text_invalid", "Write a message of at most 4096 characters.");
        }

        return CustomerSendsAsync(actor, customer, SimulatorMessages.Text(body), body, null, ct: ct);
    }

    public async Task SendPictureAsync(CurrentMember actor, SimulatedCustomer customer, byte[] bytes, string mimeType, string? caption, CancellationToken ct = default)
    {
        var mime = MediaRules.Essence(mimeType);
        if (mime is not ("image/jpeg" or "image/png") || bytes.Length is 0 or > (int)MaxPictureBytes || !MediaRules.ContentMatches(mime, bytes))
        {
            throw new DomainException("simulator.picture_invalid", "Pick a JPEG or PNG picture of at most 5 MB.");
        }

        var media = store.AddMedia(SimulatorOptions.PhoneNumberId, bytes, mime, null);
        await CustomerSendsAsync(actor, customer, SimulatorMessages.Picture(media, caption), caption?.Trim(), null, media, ct: ct);
    }

    public Task SendLocationAsync(CurrentMember actor, SimulatedCustomer customer, double latitude, double longitude, string? name, string? address, CancellationToken ct = default)
    {
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            throw new DomainException("simulator.location_invalid", "Latitude is between -90 and 90, longitude between -180 and 180.");
        }


        var shown = string.Join(", ", new[] { name, address }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim())
            .DefaultIfEmpty(string.Create(CultureInfo.InvariantCulture, $"{latitude:0.#####}, {longitude:0.#####}")));
        return CustomerSendsAsync(actor, customer, SimulatorMessages.Location(latitude, longitude, name, address), "📍 " + shown, null, ct: ct);
    }

    /// <summary>Taps a reply button, a list row or a template's quick-reply button of a message the app sent.</summary>
    public async Task ChooseAsync(CurrentMember actor, SimulatedCustomer customer, string wamid, string choiceId, CancellationToken ct = default)
    {
        await RequireOwnerAsync(actor, ct);
        var replied = store.Find(SimulatorOptions.PhoneNumberId, wamid);
        var choice = replied is { Sender: SimulatedSender.Business } && replied.CustomerWaId == customer.WaId
            ? replied.Options.FirstOrDefault(c => c.Id == choiceId)
            : null;
        if (choice is null)
        {
            throw new DomainException("simulator.choice_invalid", "This message has no such button.");
        }

        await CustomerSendsAsync(actor, customer, SimulatorMessages.Tap(replied!.InteractiveKind, choice), choice.Title, wamid, ct: ct);
    }

    /// <summary>Reacts to a message with an emoji (an empty one removes the reaction).</summary>
    public async Task ReactAsync(CurrentMember actor, SimulatedCustomer customer, string wamid, string emoji, CancellationToken ct = default)
    {
        await RequireOwnerAsync(actor, ct);
        if (store.Find(SimulatorOptions.PhoneNumberId, wamid) is not { } target || target.CustomerWaId != customer.WaId || emoji.Length > 16)
        {
            throw new DomainException("simulator.choice_invalid", "This message has no such button.");
        }

        await CustomerSendsAsync(actor, customer, SimulatorMessages.Reaction(wamid, emoji), emoji, null, reactionTo: wamid, ct: ct);
    }

    /// <summary>The customer opens the chat: every reply not yet read gets a "read" status webhook.</summary>
    public async Task ReadRepliesAsync(CurrentMember actor, SimulatedCustomer customer, CancellationToken ct = default)
    {
        var connection = await RequireConnectionAsync(actor, ct);
        var unread = store.Conversation(connection.PhoneNumberId, customer.WaId)
            .Where(m => m.Sender == SimulatedSender.Business && m.Status is SimulatedStatus.Sent or SimulatedStatus.Delivered).ToList();
        if (unread.Count == 0)
        {
            return;
        }

        await PostAsync(() => webhooks.SendStatusesAsync(connection, unread.Select(m => webhooks.Status(m, SimulatedStatus.Read)), ct));
        foreach (var message in unread)
        {
            store.Advance(connection.PhoneNumberId, message.Wamid, SimulatedStatus.Read);
        }
    }

    /// <summary>The customer sends <paramref name="content"/> (its type and part); the sender, id, time and context are added here.</summary>
    private async Task CustomerSendsAsync(
        CurrentMember actor, SimulatedCustomer customer, WebhookMessage content, string? shownText, string? contextWamid,
        SimulatedMedia? media = null, string? reactionTo = null, CancellationToken ct = default)
    {
        var connection = await RequireConnectionAsync(actor, ct);
        customer = Checked(customer);
        var now = clock.GetUtcNow();
        var wamid = store.NewWamid(customer.WaId);
        var message = SimulatorMessages.From(content, customer.WaId, wamid, now, contextWamid);
        store.Add(connection.PhoneNumberId, new SimulatedMessage(
            wamid, customer.WaId, SimulatedSender.Customer, now, content.Type!, shownText, SimulatedStatus.Pending, media?.Id, media?.MimeType,
            ReactionTo: reactionTo), customer.Name);
        try
        {
            await PostAsync(() => webhooks.SendMessageAsync(connection, customer.WaId, customer.Name, message, ct));
            store.Advance(connection.PhoneNumberId, wamid, SimulatedStatus.Delivered);
        }
        catch (DomainException)
        {
            store.Advance(connection.PhoneNumberId, wamid, SimulatedStatus.Failed);
            throw;
        }
    }

    /// <summary>Posts a webhook; the app not answering 200 becomes a clear error for the page.</summary>
    private async Task PostAsync(Func<Task> post)
    {
        try
        {
            await post();
        }
        catch (Exception ex) when (ex is HttpRequestException or SimulatorWebhookException or TaskCanceledException)
        {
            logger.LogWarning("A simulated webhook did not reach the app: {Reason}", ex.Message);
            var error = new DomainException("simulator.webhook_failed", "The app did not accept the simulated webhook.");
            error.Data[DomainErrors.DetailsKey] = ex.Message;
            throw error;
        }
    }

    private static SimulatedCustomer Checked(SimulatedCustomer customer)
    {
        var waId = new string([.. (customer.WaId ?? string.Empty).Where(char.IsAsciiDigit)]);
        if (Domain.Contacts.PhoneNumber.FromWhatsAppId(waId) is null)
        {
            throw new DomainException("simulator.phone_invalid", "Enter the customer's phone number with country code, e.g. 4917612345678.");
        }

        var name = (customer.Name ?? string.Empty).Trim();
        return name.Length is > 0 and <= 100 ? new SimulatedCustomer(waId, name)
            : throw new DomainException("simulator.name_required", "Enter the customer's name.");
    }

    private async Task SyncTemplatesAsync(CurrentMember actor, int inboxId, CancellationToken ct)
    {
        try
        {
            await templates.SyncAsync(actor, inboxId, ct);
        }
        catch (DomainException ex)
        {
            // The demo works without templates; the templates page can sync them later.
            logger.LogWarning("The simulator's demo templates could not be synced: {Reason}", ex.Message);
        }
    }

    private async Task<WhatsAppSecrets> RequireConnectionAsync(CurrentMember actor, CancellationToken ct)
    {
        await RequireOwnerAsync(actor, ct);
        return (await connections.SecretsAsync(ct)).FirstOrDefault(s => s.PhoneNumberId == SimulatorOptions.PhoneNumberId && SimulatorOptions.IsSimulator(s.GraphBaseUrl))
               ?? throw new DomainException("simulator.not_set_up", "The simulator's number is not set up yet.");
    }

    private async Task<Domain.Channels.WhatsAppConnection?> FindConnectionAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.WhatsAppConnections.AsNoTracking().FirstOrDefaultAsync(w => w.PhoneNumberId == SimulatorOptions.PhoneNumberId, ct);
    }

    private async Task RequireOwnerAsync(CurrentMember actor, CancellationToken ct)
    {
        if (!Enabled)
        {
            throw new DomainException("simulator.disabled", "The WhatsApp simulator is switched off.");
        }

        await actor.RequireAsync(TeamRight.UseSimulator, ct);
    }

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
