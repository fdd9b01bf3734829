using System.Security.Cryptography;

namespace BizInbox.Domain.Channels;

/// <summary>One channel's stream of conversations, e.g. "Website chat" or one WhatsApp number.</summary>
public sealed class Inbox
{
    /// <summary>Longest inbox name accepted.</summary>
    public const int MaxNameLength = 80;

    /// <summary>Longest greeting accepted.</summary>
    public const int MaxGreetingLength = 500;

    private Inbox()
    {
        Name = string.Empty;
        PublicKey = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public int Id { get; private set; }

    /// <summary>Name shown to agents and, for web chat, to customers.</summary>
    public string Name { get; private set; }

    /// <summary>The channel behind it.</summary>
    public ChannelType Channel { get; private set; }

    /// <summary>
    /// Unguessable public identifier used by the web chat snippet. It only lets a visitor start a chat in
    /// this inbox; it grants no access to any conversation.
    /// </summary>
    public string PublicKey { get; private set; }

    /// <summary>Optional text shown to a customer before they write.</summary>
    public string? Greeting { get; private set; }

    /// <summary>Whether new conversations are accepted.</summary>
    public bool IsEnabled { get; private set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Creates an enabled inbox with a fresh public key.</summary>
    public static Inbox Create(string name, ChannelType channel, DateTimeOffset now)
    {
        var inbox = new Inbox
        {
            Channel = channel,
            CreatedAt = now,
            IsEnabled = true,
            PublicKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
        };
        inbox.Rename(name);
        return inbox;
    }

    /// <summary>Changes the name after validating it.</summary>
    public void Rename(string name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new DomainException("inbox.name_required", "The inbox needs a name.");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new DomainException("inbox.name_too_long", $"The name may have at most {MaxNameLength} characters.");
        }

        Name = trimmed;
    }

    /// <summary>Sets or clears the greeting.</summary>
    public void ChangeGreeting(string? greeting)
    {
        var trimmed = string.IsNullOrWhiteSpace(greeting) ? null : greeting.Trim();
        if (trimmed is { Length: > MaxGreetingLength })
        {
            throw new DomainException("inbox.greeting_too_long", $"The greeting may have at most {MaxGreetingLength} characters.");
        }

        Greeting = trimmed;
    }

    /// <summary>Stops or resumes accepting new conversations.</summary>
    public void SetEnabled(bool enabled) => IsEnabled = enabled;
}
