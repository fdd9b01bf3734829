using System.Text.Json;
using BizInbox.Domain.Contacts;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Contacts.Privacy;

/// <summary>The contact's own part of <c>contact.json</c>: record, numbers, labels, attributes, consent, activity and notes.</summary>
internal static class ContactPart
{
    public static async Task WriteAsync(Utf8JsonWriter writer, BizInboxDbContext db, Contact contact, CancellationToken ct)
    {
        writer.WriteStartObject("contact");
        writer.WriteString("id", contact.Id);
        writer.WriteString("name", contact.Name);
        writer.WriteString("email", contact.Email);
        writer.WriteString("company", contact.Company);
        writer.WriteString("language", contact.Language);
        writer.WriteString("createdAt", contact.CreatedAt);
        ContactDataExport.WriteInstant(writer, "lastSeenAt", contact.LastSeenAt);
        writer.WriteBoolean("blocked", contact.IsBlocked);
        writer.WriteBoolean("reportedAsSpam", contact.IsSpam);
        writer.WriteEndObject();

        writer.WriteStartArray("phoneNumbers");
        if (contact.Phone is not null || contact.WhatsAppId is not null)
        {
            writer.WriteStartObject();
            writer.WriteString("e164", contact.Phone);
            writer.WriteString("display", PhoneNumber.Display(contact.Phone, null));
            writer.WriteString("whatsAppId", contact.WhatsAppId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        var labelIds = contact.Labels.Select(l => l.LabelId).ToList();
        var labels = await db.Labels.AsNoTracking().Where(l => labelIds.Contains(l.Id)).OrderBy(l => l.Name).Select(l => l.Name).ToListAsync(ct);
        writer.WriteStartArray("labels");
        labels.ForEach(writer.WriteStringValue);
        writer.WriteEndArray();

        await WriteAttributesAsync(writer, db, contact.Id, ct);
        await WriteConsentAndActivityAsync(writer, db, contact, ct);
        await WriteNotesAsync(writer, db, contact.Id, ct);
    }

    private static async Task WriteAttributesAsync(Utf8JsonWriter writer, BizInboxDbContext db, Guid contactId, CancellationToken ct)
    {
        var attributes = await (
                from value in db.ContactAttributeValues.AsNoTracking()
                where value.ContactId == contactId
                join definition in db.ContactAttributes on value.AttributeId equals definition.Id
                orderby definition.Name
                select new { definition.Key, definition.Name, definition.Type, value.Text })
            .ToListAsync(ct);
        writer.WriteStartArray("attributes");
        foreach (var attribute in attributes)
        {
            writer.WriteStartObject();
            writer.WriteString("key", attribute.Key);
            writer.WriteString("name", attribute.Name);
            writer.WriteString("type", attribute.Type.ToString());
            writer.WriteString("value", attribute.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static async Task WriteConsentAndActivityAsync(Utf8JsonWriter writer, BizInboxDbContext db, Contact contact, CancellationToken ct)
    {
        var activity = await db.ContactActivities.AsNoTracking().Where(a => a.ContactId == contact.Id)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);
        writer.WriteStartObject("consent");
        writer.WriteBoolean("hasConsent", contact.HasConsent);
        ContactDataExport.WriteInstant(writer, "givenAt", contact.ConsentGivenAt);
        writer.WriteString("source", contact.ConsentSource?.ToString());
        ContactDataExport.WriteInstant(writer, "withdrawnAt", contact.ConsentWithdrawnAt);
        writer.WriteStartArray("history");
        foreach (var entry in activity.Where(a => a.Kind is ContactActivityKind.ConsentGranted or ContactActivityKind.ConsentWithdrawn))
        {
            WriteActivity(writer, entry);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartArray("activity");
        activity.ForEach(entry => WriteActivity(writer, entry));
        writer.WriteEndArray();
    }

    private static void WriteActivity(Utf8JsonWriter writer, ContactActivity entry)
    {
        writer.WriteStartObject();
        writer.WriteString("time", entry.CreatedAt);
        writer.WriteString("kind", entry.Kind.ToString());
        writer.WriteString("by", entry.ActorName);
        writer.WriteString("detail", entry.Target);
        writer.WriteEndObject();
    }

    private static async Task WriteNotesAsync(Utf8JsonWriter writer, BizInboxDbContext db, Guid contactId, CancellationToken ct)
    {
        var notes = await (
                from note in db.ContactNotes.AsNoTracking()
                where note.ContactId == contactId
                join author in db.Users on note.AuthorId equals author.Id
                orderby note.CreatedAt, note.Id
                select new { note.Text, note.CreatedAt, author.DisplayName })
            .ToListAsync(ct);
        writer.WriteStartArray("notes");
        foreach (var note in notes)
        {
            writer.WriteStartObject();
            writer.WriteString("time", note.CreatedAt);
            writer.WriteString("author", note.DisplayName);
            writer.WriteString("text", note.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
