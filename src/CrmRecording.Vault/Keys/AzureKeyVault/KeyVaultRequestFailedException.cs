namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>
/// What Key Vault (or the way to it) said when a call failed. Travels as the inner exception of
/// <see cref="KeyUnavailableException"/>; never carries tokens, request bodies or key material.
/// </summary>
public sealed class KeyVaultRequestFailedException : Exception
{
    public KeyVaultRequestFailedException(string message, int? status = null, string? errorCode = null, string? innerErrorCode = null, string? requestId = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        ErrorCode = errorCode;
        InnerErrorCode = innerErrorCode;
        RequestId = requestId;
    }

    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public int? Status { get; }

    /// <summary>Key Vault's <c>error.code</c>, e.g. <c>KeyNotFound</c>, <c>Forbidden</c>, <c>BadParameter</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>Key Vault's <c>error.innererror.code</c>, e.g. <c>ForbiddenByRbac</c>, <c>ForbiddenByFirewall</c>, <c>AccessDenied</c>.</summary>
    public string? InnerErrorCode { get; }

    /// <summary>The <c>x-ms-request-id</c> to quote to Azure support or to find the call in the vault's logs.</summary>
    public string? RequestId { get; }
}
