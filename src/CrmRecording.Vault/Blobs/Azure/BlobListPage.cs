using System.Xml;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// One page of List Blobs: <c>&lt;EnumerationResults&gt;&lt;Blobs&gt;&lt;Blob&gt;&lt;Name&gt;</c>... and
/// <c>&lt;NextMarker&gt;</c>, empty on the last page. A name holding characters XML cannot carry comes
/// URL-encoded, marked <c>Encoded="true"</c>.
/// </summary>
internal sealed record BlobListPage(IReadOnlyList<string> Names, string? NextMarker)
{
    public static async Task<BlobListPage> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            var root = (await BlobXml.LoadAsync(body, cancellationToken).ConfigureAwait(false)).Root;
            if (root is null || root.Name.LocalName != "EnumerationResults")
            {
                throw new BlobStoreException($"Azure Blob Storage answered List Blobs with <{root?.Name.LocalName}> instead of <EnumerationResults>; check that ServiceUri points at a blob service.");
            }

            var names = new List<string>();
            foreach (var name in root.Element("Blobs")?.Elements("Blob").Select(blob => blob.Element("Name")) ?? [])
            {
                if (name is not null)
                {
                    names.Add((bool?)name.Attribute("Encoded") == true ? Uri.UnescapeDataString(name.Value) : name.Value);
                }
            }

            var marker = root.Element("NextMarker")?.Value;
            return new BlobListPage(names, string.IsNullOrEmpty(marker) ? null : marker);
        }
        catch (XmlException ex)
        {
            throw new BlobStoreException("Azure Blob Storage answered List Blobs with malformed XML; check that ServiceUri points at a blob service and not at a proxy or login page.", inner: ex);
        }
    }
}
