namespace BizInbox.Domain.Contacts;

/// <summary>What kind of value a custom contact attribute holds; decides validation, the input shown and the filters offered.</summary>
public enum AttributeType
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A decimal number.</summary>
    Number,

    /// <summary>A calendar day without time.</summary>
    Date,

    /// <summary>One of the options the business defined.</summary>
    List,

    /// <summary>Ticked or not.</summary>
    Checkbox,

    /// <summary>An http or https address.</summary>
    Link,
}
