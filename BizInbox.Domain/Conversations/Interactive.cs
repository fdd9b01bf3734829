namespace BizInbox.Domain.Conversations;

/// <summary>A reply button: the id comes back when the customer taps it; the title is what they see.</summary>
public sealed record ReplyButton(string Id, string Title);

/// <summary>A row of a list message.</summary>
public sealed record ListRow(string Id, string Title, string? Description);

/// <summary>
/// WhatsApp's limits for interactive messages, checked before anything is saved or sent, so an agent learns at
/// once what Meta would refuse later: at most 3 reply buttons with titles of at most 20 characters; lists with at
/// most 10 rows, row titles of at most 24 and descriptions of at most 72 characters, and a button of at most 20.
/// </summary>
public static class Interactive
{
    /// <summary>Most reply buttons per message.</summary>
    public const int MaxButtons = 3;
    /// <summary>Longest button title.</summary>
    public const int MaxButtonTitleLength = 20;
    /// <summary>Most rows in a list.</summary>
    public const int MaxRows = 10;
    /// <summary>Longest row title.</summary>
    public const int MaxRowTitleLength = 24;
    /// <summary>Longest row description.</summary>
    public const int MaxRowDescriptionLength = 72;
    /// <summary>Longest text of the button that opens a list.</summary>
    public const int MaxListButtonLength = 20;
    /// <summary>Longest text of an interactive message.</summary>
    public const int MaxBodyLength = 1024;

    /// <summary>Checks a reply-button message; returns the trimmed buttons with ids.</summary>
    public static IReadOnlyList<ReplyButton> ValidButtons(string body, IEnumerable<string> titles)
    {
        ValidBody(body);
        var list = titles.Select(t => (t ?? string.Empty).Trim()).ToList();
        if (list.Count is 0 or > MaxButtons)
        {
            throw new DomainException("interactive.button_count", $"A message has one to {MaxButtons} reply buttons.");
        }

        foreach (var title in list)
        {
            Title(title, MaxButtonTitleLength, "interactive.button_title", $"A button title has 1 to {MaxButtonTitleLength} characters.");
        }

        Unique(list, "interactive.button_duplicate", "Each button needs its own title.");
        return list.Select((t, i) => new ReplyButton($"b{i + 1}", t)).ToList();
    }

    /// <summary>Checks a list message; returns the trimmed rows with ids.</summary>
    public static IReadOnlyList<ListRow> ValidList(string body, string buttonText, IEnumerable<(string Title, string? Description)> rows)
    {
        ValidBody(body);
        Title((buttonText ?? string.Empty).Trim(), MaxListButtonLength, "interactive.list_button", $"The list's button text has 1 to {MaxListButtonLength} characters.");
        var list = rows.Select(r => (Title: (r.Title ?? string.Empty).Trim(), Description: string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim())).ToList();
        if (list.Count is 0 or > MaxRows)
        {
            throw new DomainException("interactive.row_count", $"A list has one to {MaxRows} rows.");
        }

        foreach (var (title, description) in list)
        {
            Title(title, MaxRowTitleLength, "interactive.row_title", $"A row title has 1 to {MaxRowTitleLength} characters.");
            if (description is { Length: > MaxRowDescriptionLength })
            {
                throw new DomainException("interactive.row_description", $"A row description has at most {MaxRowDescriptionLength} characters.");
            }
        }

        Unique(list.Select(r => r.Title).ToList(), "interactive.row_duplicate", "Each row needs its own title.");
        return list.Select((r, i) => new ListRow($"r{i + 1}", r.Title, r.Description)).ToList();
    }

    private static void ValidBody(string body)
    {
        var text = (body ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            throw new DomainException("message.empty", "A message cannot be empty.");
        }

        if (text.Length > MaxBodyLength)
        {
            throw new DomainException("interactive.body_too_long", $"The text of an interactive message has at most {MaxBodyLength} characters.");
        }
    }

    private static void Title(string value, int max, string code, string message)
    {
        if (value.Length == 0 || value.Length > max)
        {
            throw new DomainException(code, message);
        }
    }

    private static void Unique(List<string> titles, string code, string message)
    {
        if (titles.Distinct(StringComparer.OrdinalIgnoreCase).Count() != titles.Count)
        {
            throw new DomainException(code, message);
        }
    }
}
