using System.Globalization;

namespace CrmRecording.Telephony.Http;

/// <summary>Twilio's form parameters in the order added; absent values are left out, so Twilio applies its defaults.</summary>
internal sealed class FormFields
{
    private readonly List<KeyValuePair<string, string>> fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => fields;

    public FormFields Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields.Add(new(name, value));
        }

        return this;
    }

    public FormFields Add(string name, Uri? value) => Add(name, value?.AbsoluteUri);

    public FormFields Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public FormFields Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>
    /// A list parameter is sent once per value (<c>StatusCallbackEvent=initiated&amp;StatusCallbackEvent=ringing</c>), as
    /// Twilio's libraries send it; a value holding several space-separated events is split the same way.
    /// </summary>
    public FormFields AddEach(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            foreach (var item in (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                fields.Add(new(name, item));
            }
        }

        return this;
    }
}
