using System.Text.RegularExpressions;

namespace BizInbox.Domain.CannedReplies;

/// <summary>What the variables of a canned reply stand for in one conversation; null or blank when unknown.</summary>
public sealed record ReplyContext(string? ContactName, string? AgentName, string? BusinessName);

/// <summary>Why a variable was left in the text.</summary>
public enum UnfilledReason
{
    /// <summary>Not one of <see cref="ReplyVariables.Known"/>, e.g. a typo like <c>{{contact.frist_name}}</c>.</summary>
    Unknown,

    /// <summary>A known variable with nothing to put in, e.g. a contact without a name.</summary>
    Empty,
}

/// <summary>A variable left in the text as it was written, so the agent sees it and fills it in by hand.</summary>
/// <param name="Placeholder">Exactly as written, braces included (e.g. <c>{{ Contact.First_Name }}</c>).</param>
/// <param name="Name">The name inside, trimmed and lowered (e.g. <c>contact.first_name</c>).</param>
/// <param name="Reason">Unknown name or no value.</param>
public sealed record UnfilledVariable(string Placeholder, string Name, UnfilledReason Reason);

/// <summary>A reply's text with its variables filled, and those that could not be.</summary>
public sealed record FilledReply(string Text, IReadOnlyList<UnfilledVariable> Unfilled)
{
    /// <summary>Whether every variable got a value.</summary>
    public bool IsComplete => Unfilled.Count == 0;
}

/// <summary>
/// Fills <c>{{contact.first_name}}</c>, <c>{{contact.name}}</c>, <c>{{agent.name}}</c> and <c>{{business.name}}</c>
/// (spaces inside the braces and letter case do not matter). Anything else in double braces, and a known variable
/// without a value, stays in the text unchanged and is reported, so nothing is silently dropped.
/// </summary>
public static partial class ReplyVariables
{
    /// <summary>The variables a reply may use.</summary>
    public static readonly IReadOnlyList<string> Known = ["contact.first_name", "contact.name", "agent.name", "business.name"];

    /// <summary>Fills the variables of <paramref name="text"/> from <paramref name="context"/>.</summary>
    public static FilledReply Fill(string text, ReplyContext context)
    {
        var unfilled = new List<UnfilledVariable>();
        var filled = Placeholder().Replace(text ?? string.Empty, match =>
        {
            var name = match.Groups["name"].Value.Trim().ToLowerInvariant();
            if (!Known.Contains(name))
            {
                unfilled.Add(new UnfilledVariable(match.Value, name, UnfilledReason.Unknown));
                return match.Value;
            }

            var value = ValueOf(name, context);
            if (string.IsNullOrWhiteSpace(value))
            {
                unfilled.Add(new UnfilledVariable(match.Value, name, UnfilledReason.Empty));
                return match.Value;
            }

            return value.Trim();
        });
        return new FilledReply(filled, unfilled);
    }

    /// <summary>
    /// The first word of <paramref name="name"/> that is not a title written with a full stop ("Dr.", "Prof."):
    /// "Dr. Anna Schmidt" gives "Anna". Deliberately simple: no list of salutations ("Herr Müller" gives "Herr")
    /// and no guessing of name order. A name without letters (a phone number a channel used as the name) gives
    /// nothing, so the variable is flagged rather than greeting someone as "+49".
    /// </summary>
    public static string? FirstName(string? name)
    {
        var words = (name ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (!words.Any(w => w.Any(char.IsLetter)))
        {
            return null;
        }

        return words.FirstOrDefault(w => !w.EndsWith('.') && w.Any(char.IsLetter)) ?? words[0];
    }

    private static string? ValueOf(string name, ReplyContext context) => name switch
    {
        "contact.first_name" => FirstName(context.ContactName),
        "contact.name" => context.ContactName is { } n && n.Any(char.IsLetter) ? n : null,
        "agent.name" => context.AgentName,
        "business.name" => context.BusinessName,
        _ => null,
    };

    [GeneratedRegex(@"\{\{(?<name>[^{}\r\n]*)\}\}")]
    private static partial Regex Placeholder();
}
