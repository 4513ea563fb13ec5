using System.Xml;
using System.Xml.Linq;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>Reads the service's XML bodies (listings, errors) with DTDs refused.</summary>
internal static class BlobXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreWhitespace = true,
    };

    /// <exception cref="XmlException">The body is not well-formed XML.</exception>
    public static async Task<XDocument> LoadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(stream, Settings);
        return await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken).ConfigureAwait(false);
    }
}
