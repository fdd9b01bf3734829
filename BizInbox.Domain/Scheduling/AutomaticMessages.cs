namespace BizInbox.Domain.Scheduling;

/// <summary>
/// The business's automatic messages: a greeting on a customer's first message (and again after a silence, if
/// wanted) and an away message outside business hours. <see cref="AutomaticMessageRules"/> decides when they go.
/// </summary>
public sealed class AutomaticMessages
{
    /// <summary>Longest text of either message (WhatsApp's text limit leaves room for the filled variable).</summary>
    public const int MaxTextLength = 1000;

    /// <summary>Longest silence after which the greeting may be sent again: 90 days.</summary>
    public const int MaxSilenceHours = 90 * 24;

    /// <summary>The variable an away message may use for the next opening.</summary>
    public const string NextOpeningVariable = "{{next_opening}}";

    private AutomaticMessages()
    {
        GreetingText = string.Empty;
        AwayText = string.Empty;
        Language = "en";
    }

    /// <summary>The business these settings belong to.</summary>
    public int Id { get; private set; }

    /// <summary>Whether the greeting is sent.</summary>
    public bool GreetingEnabled { get; private set; }

    /// <summary>The greeting's text.</summary>
    public string GreetingText { get; private set; }

    /// <summary>Hours of silence from the customer after which the greeting goes again; null: only on the first message.</summary>
    public int? GreetingAgainAfterHours { get; private set; }

    /// <summary>Whether the away message is sent outside business hours.</summary>
    public bool AwayEnabled { get; private set; }

    /// <summary>The away message's text; may contain <see cref="NextOpeningVariable"/>.</summary>
    public string AwayText { get; private set; }

    /// <summary>The language the texts are written in ("en" or "de"): the next opening is written in it.</summary>
    public string Language { get; private set; }

    /// <summary>Nothing is sent: what a business that never saved these settings has.</summary>
    public static AutomaticMessages Off(int businessId) => new() { Id = businessId };

    /// <summary>Settings for the business <paramref name="businessId"/>, checked.</summary>
    public static AutomaticMessages Create(
        int businessId, bool greetingEnabled, string? greetingText, int? againAfterHours, bool awayEnabled, string? awayText, string language)
    {
        var settings = Off(businessId);
        settings.Change(greetingEnabled, greetingText, againAfterHours, awayEnabled, awayText, language);
        return settings;
    }

    /// <summary>Replaces the settings; a message that is on needs a text. Texts of a message that is off are kept as drafts.</summary>
    public void Change(bool greetingEnabled, string? greetingText, int? againAfterHours, bool awayEnabled, string? awayText, string language)
    {
        var greeting = Checked(greetingText, greetingEnabled, "automatic.greeting_text_required", "automatic.greeting_text_too_long");
        if (againAfterHours is < 1 or > MaxSilenceHours)
        {
            throw new DomainException("automatic.silence_range", $"Enter between 1 and {MaxSilenceHours} hours, or leave it empty.");
        }

        var away = Checked(awayText, awayEnabled, "automatic.away_text_required", "automatic.away_text_too_long");
        GreetingEnabled = greetingEnabled;
        GreetingText = greeting;
        GreetingAgainAfterHours = againAfterHours;
        AwayEnabled = awayEnabled;
        AwayText = away;
        Language = language is "de" ? "de" : "en";
    }

    private static string Checked(string? text, bool enabled, string requiredCode, string tooLongCode)
    {
        var value = (text ?? string.Empty).Trim();
        if (enabled && value.Length == 0)
        {
            throw new DomainException(requiredCode, "Enter the message's text, or turn it off.");
        }

        if (value.Length > MaxTextLength)
        {
            throw new DomainException(tooLongCode, $"A message may have at most {MaxTextLength} characters.");
        }

        return value;
    }
}
