namespace CrmRecording.Vault.Keys;

/// <summary>A key-encryption key wraps new data keys while active; once retired its material is destroyed.</summary>
public enum KeyState
{
    Active,
    Retired,
}
