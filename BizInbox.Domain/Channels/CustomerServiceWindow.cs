namespace BizInbox.Domain.Channels;

/// <summary>
/// WhatsApp's customer service window: for 24 hours after the customer's last message the business may send
/// anything; afterwards only approved templates.
/// </summary>
public static class CustomerServiceWindow
{
    /// <summary>How long the window stays open after the customer's last message.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>When the window closes, or null when the customer never wrote.</summary>
    public static DateTimeOffset? ClosesAt(DateTimeOffset? lastCustomerMessageAt) => lastCustomerMessageAt + Length;

    /// <summary>Whether free-form messages may be sent now.</summary>
    public static bool IsOpen(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now) => ClosesAt(lastCustomerMessageAt) > now;

    /// <summary>Refuses a free-form message outside the window.</summary>
    public static void RequireOpen(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now)
    {
        if (!IsOpen(lastCustomerMessageAt, now))
        {
            throw new DomainException(
                "whatsapp.window_closed",
                "More than 24 hours passed since the customer's last message. WhatsApp allows only an approved template until they write again.");
        }
    }
}
