using System.ComponentModel.DataAnnotations;

namespace CrmRecording.Service.Options;

/// <summary>The <c>Vault</c> section: where metadata, the audit trail and the outbox live.</summary>
public sealed class VaultOptions : IValidatableObject
{
    public const string Section = "Vault";

    /// <summary><c>sqlite</c> (default, a file under the data directory) or <c>postgres</c> (several instances over one database).</summary>
    public string Metadata { get; set; } = "sqlite";

    /// <summary>The PostgreSQL connection string when <see cref="Metadata"/> is postgres; never logged.</summary>
    public string? Postgres { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Metadata is not ("sqlite" or "postgres"))
        {
            yield return new ValidationResult($"Vault:Metadata '{Metadata}' is not sqlite or postgres.", [nameof(Metadata)]);
        }

        if (Metadata == "postgres" && string.IsNullOrWhiteSpace(Postgres))
        {
            yield return new ValidationResult("Vault:Postgres must be the PostgreSQL connection string (Host=...;Database=...;Username=...) when Vault:Metadata is postgres.", [nameof(Postgres)]);
        }
    }
}
