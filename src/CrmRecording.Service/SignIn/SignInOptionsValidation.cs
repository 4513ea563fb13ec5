using CrmRecording.Service.Options;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.SignIn;

/// <summary>Validates <see cref="SignInOptions"/> on start, every error at once; what remote mode requires depends on <c>Dataverse:Mode</c>.</summary>
internal sealed class SignInOptionsValidation(IOptions<DataverseOptions> dataverse) : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        var errors = options.Validate(remote: dataverse.Value.Mode == "remote").Select(r => r.ErrorMessage!).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
