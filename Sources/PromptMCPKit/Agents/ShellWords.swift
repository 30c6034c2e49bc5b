/// Splits a shell command into simple commands and their words, as POSIX sh would: quotes and
/// backslashes kept out of words, `;`, `&`, `|`, `&&`, `||`, newlines and parentheses between
/// commands, and the word after a redirection (`>`, `>>`, `2>`, `&>`, `>|`) marked as its target.
/// Expansions (`$VAR`, `$(...)`) are left as written: a guard reads them as plain words.
enum ShellWords {
    struct Word: Equatable {
        var text: String
        var isRedirectTarget = false
    }

    static func commands(in command: String) -> [[Word]] {
        var commands: [[Word]] = [[]]
        var word = ""
        var inWord = false
        var quote: Character?
        var redirect = false
        var escaped = false
        func finish() {
            guard inWord else { return }
            commands[commands.count - 1].append(Word(text: word, isRedirectTarget: redirect))
            redirect = false
            word = ""
            inWord = false
        }
        for character in command {
            if escaped { word.append(character); inWord = true; escaped = false; continue }
            if let open = quote {
                if character == open { quote = nil } else if character == "\\" && open == "\"" { escaped = true } else { word.append(character) }
                continue
            }
            switch character {
            case "\\": escaped = true
            case "'", "\"": quote = character; inWord = true
            case " ", "\t": finish()
            case ";", "&", "|", "\n", "(", ")":
                finish()
                if commands.last?.isEmpty == false { commands.append([]) }
            case ">", "<":
                // `2>` and `&>`: the digit before belongs to the operator, not to a word.
                if inWord, word.allSatisfy(\.isNumber) { word = ""; inWord = false }
                finish()
                redirect = character == ">"
            default:
                word.append(character)
                inWord = true
            }
        }
        finish()
        return commands.filter { !$0.isEmpty }
    }
}
