namespace BizInbox.Domain.Contacts;

/// <summary>One contact's value of one custom attribute (a contact without a value has no row).</summary>
public sealed class ContactAttributeValue
{
    private ContactAttributeValue()
    {
        Text = string.Empty;
        Folded = string.Empty;
    }

    /// <summary>The contact the value belongs to.</summary>
    public Guid ContactId { get; private set; }

    /// <summary>The attribute (see <see cref="AttributeDefinition"/>).</summary>
    public int AttributeId { get; private set; }

    /// <summary>The canonical value (see <see cref="AttributeValue"/>).</summary>
    public string Text { get; private set; }

    /// <summary><see cref="Text"/> in lower case (invariant): text filters compare it, since SQLite's lower() only knows ASCII.</summary>
    public string Folded { get; private set; }

    /// <summary>A number's value, compared and sorted by number filters.</summary>
    public double? Number { get; private set; }

    /// <summary>A date's value, compared and sorted by date filters.</summary>
    public DateOnly? Date { get; private set; }

    /// <summary>The row holding <paramref name="value"/> for the contact and attribute.</summary>
    public static ContactAttributeValue Of(Guid contactId, int attributeId, AttributeValue value)
    {
        var row = new ContactAttributeValue { ContactId = contactId, AttributeId = attributeId };
        row.Set(value);
        return row;
    }

    /// <summary>Replaces the value with another validated one.</summary>
    public void Set(AttributeValue value)
    {
        Text = value.Text;
        Folded = value.Text.ToLowerInvariant();
        Number = value.Number;
        Date = value.Date;
    }
}
