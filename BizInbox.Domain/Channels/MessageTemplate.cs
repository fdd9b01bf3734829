using System.Text.RegularExpressions;

namespace BizInbox.Domain.Channels;

/// <summary>A run of a template's text: plain, or a placeholder such as <c>{{1}}</c> whose name <see cref="Parameter"/> gives.</summary>
public sealed record TemplatePart(string Text, string? Parameter);

/// <summary>What a template is for, as WhatsApp categorises (and prices) it.</summary>
public enum TemplateCategory
{
    /// <summary>Offers, news, invitations.</summary>
    Marketing = 0,

    /// <summary>Updates on something the customer asked for: orders, appointments, delays.</summary>
    Utility = 1,

    /// <summary>One-time codes.</summary>
    Authentication = 2,
}

/// <summary>
/// A WhatsApp message template of one inbox's business account, as last synced from Meta. Templates are written and
/// approved in Meta's tools; BizInbox lists them and fills their parameters (<c>{{1}}</c> or <c>{{name}}</c>).
/// </summary>
public sealed partial class MessageTemplate
{
    /// <summary>Longest parameter value accepted.</summary>
    public const int MaxParameterLength = 1024;

    private MessageTemplate()
    {
        Name = string.Empty;
        Language = string.Empty;
        Status = string.Empty;
        Body = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public int Id { get; private set; }

    /// <summary>The WhatsApp inbox whose business account has it.</summary>
    public int InboxId { get; private set; }

    /// <summary>Meta's id of the template.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>Its name (lower case and underscores, unique per language).</summary>
    public string Name { get; private set; }

    /// <summary>Language code, e.g. de or en_US.</summary>
    public string Language { get; private set; }

    /// <summary>Category.</summary>
    public TemplateCategory Category { get; private set; }

    /// <summary>Meta's review status: APPROVED, PENDING, REJECTED, PAUSED, DISABLED.</summary>
    public string Status { get; private set; }

    /// <summary>Text header, if any.</summary>
    public string? Header { get; private set; }

    /// <summary>The body with its parameter placeholders.</summary>
    public string Body { get; private set; }

    /// <summary>Footer, if any.</summary>
    public string? Footer { get; private set; }

    /// <summary>The buttons' texts, one per line (quick replies and links), for display.</summary>
    public string? Buttons { get; private set; }

    /// <summary>When it was last synced.</summary>
    public DateTimeOffset SyncedAt { get; private set; }

    /// <summary>Whether agents may send it (only approved templates can be sent).</summary>
    public bool IsApproved => string.Equals(Status, "APPROVED", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body's parameters in order of first appearance: "1", "2" or names.</summary>
    public IReadOnlyList<string> Parameters => ParametersOf(Body);

    /// <summary>A template as Meta lists it.</summary>
    public static MessageTemplate Create(int inboxId, string name, string language, TemplateCategory category, string status, string body, DateTimeOffset now) =>
        new MessageTemplate { InboxId = inboxId, Name = Required(name, 512), Language = Required(language, 16) }
            .Update(null, category, status, null, body, null, null, now);

    /// <summary>Takes the current state from a sync.</summary>
    public MessageTemplate Update(string? externalId, TemplateCategory category, string status, string? header, string body, string? footer, string? buttons, DateTimeOffset now)
    {
        ExternalId = externalId;
        Category = category;
        Status = Required(status, 32).ToUpperInvariant();
        Header = header;
        Body = Required(body, 1024);
        Footer = footer;
        Buttons = buttons;
        SyncedAt = now;
        return this;
    }

    /// <summary>The body with each parameter replaced; every parameter needs a value.</summary>
    public string Render(IReadOnlyList<string> values)
    {
        var parameters = Parameters;
        if (values.Count != parameters.Count || values.Any(v => string.IsNullOrWhiteSpace(v)))
        {
            throw new DomainException("template.parameters_missing", "Fill in every parameter of the template.");
        }

        if (values.Any(v => v.Length > MaxParameterLength || v.Contains('\n', StringComparison.Ordinal) || v.Contains('\t', StringComparison.Ordinal)))
        {
            throw new DomainException("template.parameter_invalid", "A template parameter is one line of at most 1024 characters.");
        }

        return Fill(Body, values);
    }

    /// <summary>
    /// The text with the values filled in, in the order of <see cref="ParametersOf"/>; a parameter without a value
    /// (missing or blank) keeps its placeholder, as in a preview while the agent is still typing.
    /// </summary>
    public static string Fill(string text, IReadOnlyList<string> values)
    {
        var names = ParametersOf(text);
        var byName = names.Select((name, i) => (name, Value: i < values.Count ? values[i] : null))
            .Where(x => !string.IsNullOrWhiteSpace(x.Value))
            .ToDictionary(x => x.name, x => x.Value!.Trim(), StringComparer.Ordinal);
        return string.Concat(Parts(text).Select(part => part.Parameter is { } name && byName.TryGetValue(name, out var value) ? value : part.Text));
    }

    /// <summary>The text cut into plain runs and placeholders (<see cref="TemplatePart.Parameter"/> names the latter), e.g. for highlighting.</summary>
    public static IReadOnlyList<TemplatePart> Parts(string text)
    {
        var parts = new List<TemplatePart>();
        var at = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            if (match.Index > at)
            {
                parts.Add(new TemplatePart(text[at..match.Index], null));
            }

            parts.Add(new TemplatePart(match.Value, match.Groups[1].Value));
            at = match.Index + match.Length;
        }

        if (at < text.Length)
        {
            parts.Add(new TemplatePart(text[at..], null));
        }

        return parts;
    }

    /// <summary>The distinct placeholders of a text, in order.</summary>
    public static IReadOnlyList<string> ParametersOf(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();

    private static string Required(string value, int max)
    {
        var trimmed = (value ?? string.Empty).Trim();
        return trimmed.Length is > 0 && trimmed.Length <= max ? trimmed
            : throw new DomainException("template.invalid", "The template is incomplete.");
    }
}
