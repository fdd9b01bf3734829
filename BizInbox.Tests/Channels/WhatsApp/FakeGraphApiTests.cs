using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BizInbox.Tests.Support;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>The fake Graph API itself, over real HTTP, so that tests built on it can trust what it answers.</summary>
public sealed class FakeGraphApiTests
{
    private const string PhoneNumberId = "106540352242922";
    private const string WabaId = "102290129340398";

    private static HttpClient ClientFor(FakeGraphApi graph, string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(graph.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? graph.AccessToken);
        return client;
    }

    private static Task<HttpResponseMessage> SendTextAsync(HttpClient client, string to, string body) =>
        client.PostAsJsonAsync($"/v21.0/{PhoneNumberId}/messages",
            new { messaging_product = "whatsapp", recipient_type = "individual", to, type = "text", text = new { body } });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Send_IsAnsweredWithAWamid_AndRecorded()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph);

        var response = await SendTextAsync(client, "4917012345678", "Hallo!");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await JsonAsync(response);
        json.GetProperty("messaging_product").GetString().ShouldBe("whatsapp");
        json.GetProperty("contacts")[0].GetProperty("input").GetString().ShouldBe("4917012345678");
        json.GetProperty("contacts")[0].GetProperty("wa_id").GetString().ShouldBe("4917012345678");
        var wamid = json.GetProperty("messages")[0].GetProperty("id").GetString();
        wamid.ShouldStartWith("wamid.");
        var send = graph.Sends.ShouldHaveSingleItem();
        send.Authorization.ShouldBe($"Bearer {graph.AccessToken}");
        send.Json.GetProperty("text").GetProperty("body").GetString().ShouldBe("Hallo!");
        send.MessageId.ShouldBe(wamid);
    }

    [Fact]
    public async Task Send_WithoutTheTypedObject_IsAnInvalidParameter()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph);

        var response = await client.PostAsJsonAsync($"/v21.0/{PhoneNumberId}/messages",
            new { messaging_product = "whatsapp", to = "4917012345678", type = "image" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("error").GetProperty("code").GetInt32().ShouldBe(100);
        graph.Sends.ShouldBeEmpty();
        graph.Requests.ShouldHaveSingleItem().StatusCode.ShouldBe(400);
    }

    [Fact]
    public async Task MarkAsRead_AnswersSuccess_AndCountsAsAReadReceiptNotASend()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph);

        var response = await client.PostAsJsonAsync($"/v21.0/{PhoneNumberId}/messages",
            new { messaging_product = "whatsapp", status = "read", message_id = "wamid.HBgLNDkxNzAxMjM0NTY3OBUCABIYFjNFQjBDMEE5" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(response)).GetProperty("success").GetBoolean().ShouldBeTrue();
        graph.ReadReceipts.ShouldHaveSingleItem();
        graph.Sends.ShouldBeEmpty();
    }

    [Fact]
    public async Task WrongToken_IsRejectedWith401_Code190()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph, token: "EAAG-someone-elses-token");

        var response = await SendTextAsync(client, "4917012345678", "Hallo!");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var error = (await JsonAsync(response)).GetProperty("error");
        error.GetProperty("code").GetInt32().ShouldBe(190);
        error.GetProperty("type").GetString().ShouldBe("OAuthException");
        error.GetProperty("fbtrace_id").GetString().ShouldNotBeNullOrEmpty();
        graph.Sends.ShouldBeEmpty();
        graph.Requests.ShouldHaveSingleItem().StatusCode.ShouldBe(401);
    }

    [Theory]
    [InlineData(GraphFailure.RateLimited, 400, 130429)]
    [InlineData(GraphFailure.ServerError, 500, 131000)]
    [InlineData(GraphFailure.ReEngagementRequired, 400, 131047)]
    [InlineData(GraphFailure.InvalidParameter, 400, 100)]
    [InlineData(GraphFailure.ExpiredToken, 401, 190)]
    public async Task FailNext_AnswersInMetasErrorEnvelope_OnceThenAccepts(GraphFailure failure, int status, int code)
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph);
        graph.FailNext(failure);

        var failed = await SendTextAsync(client, "4917012345678", "first try");
        var retried = await SendTextAsync(client, "4917012345678", "second try");

        ((int)failed.StatusCode).ShouldBe(status);
        var error = (await JsonAsync(failed)).GetProperty("error");
        error.GetProperty("code").GetInt32().ShouldBe(code);
        error.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
        error.GetProperty("type").GetString().ShouldBe("OAuthException");
        error.GetProperty("fbtrace_id").GetString().ShouldNotBeNullOrEmpty();
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        graph.Requests.Select(r => r.StatusCode).ShouldBe([status, 200]);
        graph.Sends.ShouldHaveSingleItem().Json.GetProperty("text").GetProperty("body").GetString().ShouldBe("second try");
    }

    [Fact]
    public async Task FailNext_RateLimited_CarriesMetasDetails()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph);
        graph.FailNext(GraphFailure.RateLimited);

        var error = (await JsonAsync(await SendTextAsync(client, "4917012345678", "Hallo!"))).GetProperty("error");

        error.GetProperty("message").GetString().ShouldBe("(#130429) Rate limit hit");
        error.GetProperty("error_data").GetProperty("messaging_product").GetString().ShouldBe("whatsapp");
        error.GetProperty("error_data").GetProperty("details").GetString().ShouldBe("Cloud API message throughput has been reached.");
    }

    [Fact]
    public async Task FailNext_Timeout_HoldsTheResponseUntilTheClientGivesUp()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph);
        client.Timeout = TimeSpan.FromMilliseconds(300);
        graph.FailNext(GraphFailure.Timeout);

        await Should.ThrowAsync<TaskCanceledException>(() => SendTextAsync(client, "4917012345678", "Hallo!"));

        graph.Requests.ShouldHaveSingleItem().StatusCode.ShouldBe(0);
        graph.Sends.ShouldBeEmpty();
    }

    [Fact]
    public async Task Media_AddedByTheTest_ResolvesToAUrl_ThatServesTheBytesOnlyWithTheToken()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph);
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5];
        var id = graph.AddMedia(bytes, "image/png");

        var info = await JsonAsync(await client.GetAsync($"/v21.0/{id}"));
        var url = info.GetProperty("url").GetString()!;
        var download = await client.GetAsync(url);
        using var anonymous = new HttpClient();
        var withoutToken = await anonymous.GetAsync(url);
        var unknown = await client.GetAsync("/v21.0/999999999999");

        id.ShouldAllBe(c => char.IsAsciiDigit(c));
        info.GetProperty("messaging_product").GetString().ShouldBe("whatsapp");
        info.GetProperty("id").GetString().ShouldBe(id);
        info.GetProperty("mime_type").GetString().ShouldBe("image/png");
        info.GetProperty("file_size").GetInt32().ShouldBe(bytes.Length);
        info.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        url.ShouldStartWith($"{graph.BaseUrl}/whatsapp_business/attachments/?mid={id}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        withoutToken.IsSuccessStatusCode.ShouldBeFalse();
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(unknown)).GetProperty("error").GetProperty("code").GetInt32().ShouldBe(100);
    }

    [Fact]
    public async Task Upload_IsStored_AndCanBeResolvedLikeAnyMedia()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph);
        byte[] pdf = [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37];
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("whatsapp"), "messaging_product");
        form.Add(new StringContent("application/pdf"), "type");
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "invoice.pdf");

        var response = await client.PostAsync($"/v21.0/{PhoneNumberId}/media", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = (await JsonAsync(response)).GetProperty("id").GetString()!;
        var upload = graph.Uploads[id];
        upload.Bytes.ShouldBe(pdf);
        upload.MimeType.ShouldBe("application/pdf");
        upload.FileName.ShouldBe("invoice.pdf");
        (await JsonAsync(await client.GetAsync($"/v21.0/{id}"))).GetProperty("file_size").GetInt32().ShouldBe(pdf.Length);
    }

    [Fact]
    public async Task Templates_PageThroughEveryTemplateOnce_AndTheLastPageHasNoNext()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph);
        var names = Enumerable.Range(1, 7).Select(i => $"order_update_{i}").ToArray();
        foreach (var name in names)
        {
            graph.AddTemplate(name, "de", "UTILITY", "APPROVED", "Ihre Bestellung {{1}} ist unterwegs.", "Danke", "Stopp");
        }

        List<JsonElement> listed = [];
        List<string?> nextLinks = [];
        string? next = $"/v21.0/{WabaId}/message_templates?limit=3";
        while (next is not null)
        {
            var page = await JsonAsync(await client.GetAsync(next));
            listed.AddRange(page.GetProperty("data").EnumerateArray());
            next = page.GetProperty("paging").TryGetProperty("next", out var link) ? link.GetString() : null;
            nextLinks.Add(next);
        }

        listed.Select(t => t.GetProperty("name").GetString()).ShouldBe(names);
        nextLinks.Count.ShouldBe(3);
        nextLinks[0]!.ShouldStartWith($"{graph.BaseUrl}/v21.0/{WabaId}/message_templates?");
        var first = listed[0];
        first.GetProperty("language").GetString().ShouldBe("de");
        first.GetProperty("status").GetString().ShouldBe("APPROVED");
        first.GetProperty("category").GetString().ShouldBe("UTILITY");
        var components = first.GetProperty("components");
        components[0].GetProperty("type").GetString().ShouldBe("BODY");
        components[0].GetProperty("text").GetString().ShouldBe("Ihre Bestellung {{1}} ist unterwegs.");
        components[1].GetProperty("buttons").EnumerateArray().Select(b => (b.GetProperty("type").GetString(), b.GetProperty("text").GetString()))
            .ShouldBe([("QUICK_REPLY", "Danke"), ("QUICK_REPLY", "Stopp")]);
    }

    [Fact]
    public async Task WaitForSend_CompletesForASendMadeBeforeOrAfterTheCall()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph);
        await SendTextAsync(client, "4917000000001", "already sent");

        var earlier = await graph.WaitForSendAsync(s => s.Json.GetProperty("to").GetString() == "4917000000001");
        var later = graph.WaitForSendAsync(s => s.Json.GetProperty("to").GetString() == "4917000000002");
        var stillWaiting = !later.IsCompleted;
        await SendTextAsync(client, "4917000000002", "sent while waiting");

        earlier.Json.GetProperty("text").GetProperty("body").GetString().ShouldBe("already sent");
        stillWaiting.ShouldBeTrue();
        (await later).Json.GetProperty("text").GetProperty("body").GetString().ShouldBe("sent while waiting");
    }

    [Fact]
    public async Task WaitForSend_TimesOut_ListingWhatWasReceived()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = ClientFor(graph);
        graph.FailNext(GraphFailure.ReEngagementRequired);
        await SendTextAsync(client, "4917012345678", "outside the window");

        var timeout = await Should.ThrowAsync<TimeoutException>(() => graph.WaitForSendAsync(timeout: TimeSpan.FromMilliseconds(100)));

        timeout.Message.ShouldContain($"400 POST /v21.0/{PhoneNumberId}/messages");
    }
}
