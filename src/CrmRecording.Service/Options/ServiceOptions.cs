using System.ComponentModel.DataAnnotations;

namespace CrmRecording.Service.Options;

/// <summary>The <c>Service</c> configuration section.</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    /// <summary>Where the SQLite metadata, the local key file and the local recording store live.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";
}
