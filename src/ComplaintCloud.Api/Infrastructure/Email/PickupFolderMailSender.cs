using Microsoft.Extensions.Options;
using MimeKit;

namespace ComplaintCloud.Api.Infrastructure.Email;

/// <summary>Writes each email as {Message-ID}.eml into Email:PickupFolder (development: read them with any mail client).</summary>
public sealed class PickupFolderMailSender(IOptions<EmailOptions> options, IWebHostEnvironment environment) : IMailSender
{
    public string Folder => Path.GetFullPath(options.Value.PickupFolder, environment.ContentRootPath);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var name = string.Concat(message.MessageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        var path = Path.Combine(Folder, name + ".eml");
        var temporary = path + ".partial"; // a reader never sees half a file
        await message.WriteToAsync(temporary, ct);
        File.Move(temporary, path, overwrite: true);
    }
}
