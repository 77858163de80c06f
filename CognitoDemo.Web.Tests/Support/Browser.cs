using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace CognitoDemo.Web.Tests.Support;

/// <summary>A page as the browser got it: where it ended up after redirects, its status and its DOM.</summary>
public sealed record Page(Uri Url, HttpStatusCode Status, IHtmlDocument Document, string Html)
{
    /// <summary>The response's headers (<c>Retry-After</c>, …).</summary>
    public System.Net.Http.Headers.HttpResponseHeaders? Headers { get; init; }

    public string Path => Url.AbsolutePath;

    public string Text => Document.Body?.TextContent ?? "";

    /// <summary>The error shown for one field (<c>Input.Password</c>, …), or null.</summary>
    public string? FieldError(string field) =>
        Document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() is { Length: > 0 } text ? text
        : Document.QuerySelector($"input[name='{field}']")?.Closest(".field")?.QuerySelector(".error")?.TextContent.Trim() is { Length: > 0 } inField ? inField
        : null;

    /// <summary>The errors shown above the form.</summary>
    public string FormErrors => Document.QuerySelector(".errors")?.TextContent.Trim() ?? "";

    public string? StatusMessage => Document.QuerySelector("[role=status]")?.TextContent.Trim();

    public string? TestId(string id) => Document.QuerySelector($"[data-testid='{id}']")?.TextContent.Trim();
}

/// <summary>
/// Drives the app like a browser without JavaScript: GETs pages, fills and submits their real forms
/// (antiforgery token included), follows redirects and keeps cookies.
/// </summary>
public sealed class Browser(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => http;

    public async Task<Page> GetAsync(string url)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute), TestContext.Current.CancellationToken);
        return await ReadAsync(response);
    }

    /// <summary>Fills the page's form (the first, or the one matching <paramref name="formSelector"/>) and submits it.</summary>
    public async Task<Page> SubmitAsync(Page page, IDictionary<string, string> values, string? formSelector = null, string? submitter = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = (IHtmlFormElement?)(formSelector is null
                       ? page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
                       : page.Document.QuerySelector(formSelector))
                   ?? throw new InvalidOperationException($"no form on {page.Path}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            if (!values.ContainsKey(input.Name!))
            {
                fields.Add(new(input.Name!, input.Value));
            }
        }

        foreach (var (name, value) in values)
        {
            if (form.QuerySelector($"[name='{name}']") is null)
            {
                throw new InvalidOperationException($"the form on {page.Path} has no field {name}");
            }

            fields.Add(new(name, value));
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Url.PathAndQuery;
        if (submitter is not null)
        {
            var button = form.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == submitter)
                         ?? throw new InvalidOperationException($"no button '{submitter}' on {page.Path}");
            action = button.GetAttribute("formaction") ?? action;
        }

        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri(new Uri(page.Url, "/"), action), content, TestContext.Current.CancellationToken);
        return await ReadAsync(response);
    }

    /// <summary>Fills fields found by their visible labels (as a person would) and submits their form.</summary>
    public Task<Page> SubmitByLabelsAsync(Page page, IDictionary<string, string> valuesByLabel)
    {
        ArgumentNullException.ThrowIfNull(page);
        var values = new Dictionary<string, string>();
        foreach (var (label, value) in valuesByLabel)
        {
            var element = page.Document.QuerySelectorAll("label").FirstOrDefault(l => l.TextContent.Trim() == label)
                          ?? throw new InvalidOperationException($"no label '{label}' on {page.Url}");
            var input = (element.GetAttribute("for") is { } id ? page.Document.GetElementById(id) : element.QuerySelector("input"))
                        ?? throw new InvalidOperationException($"label '{label}' names no input on {page.Url}");
            values[input.GetAttribute("name")!] = value;
        }

        var form = page.Document.QuerySelectorAll("form").First(f => f.QuerySelector($"[name='{values.Keys.First()}']") is not null);
        form.SetAttribute("id", "labelled-form");
        return SubmitAsync(page, values, "#labelled-form");
    }

    /// <summary>Posts a form as-is (e.g. the sign-out button in the header).</summary>
    public Task<Page> SubmitFormAsync(Page page, string formSelector) =>
        SubmitAsync(page, new Dictionary<string, string>(), formSelector);

    public void Dispose() => http.Dispose();

    private static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Page(response.RequestMessage!.RequestUri!, response.StatusCode, Parser.ParseDocument(html), html) { Headers = response.Headers };
    }
}
