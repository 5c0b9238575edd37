// The shipped themes, embedded so built-in themes need no file at run time. Kept
// identical to themes/*.theme (ThemeTests checks it); after editing a theme file, paste
// it here between the delimiters, keeping the empty line that ends the text with a newline.
extension BuiltinThemes {
    static let sources: [(name: String, text: String)] = [
        ("default", #"""
# wisp theme "default": for terminals with a dark background. It keeps the terminal's own
# background and leans on the 16 ANSI colours, so it reads the same on 8-colour terminals.
#
# Format (full reference: themes/README.md in the wisp sources):
#   key = value      one per line; blank lines and lines starting with "#" are ignored
#   key              a UI role (normal prompt query placeholder cursor spinner suggestion
#                    selected highlight selected.highlight info error status
#                    status.connected status.disconnected status.warning transcript.time
#                    transcript.sent transcript.received transcript.error transcript.stale
#                    transcript.selected border title overlay), or "inherits" with the name
#                    of a built-in theme to start from
#   value            words in any order: a bare COLOUR or fg:COLOUR (foreground),
#                    on COLOUR or bg:COLOUR (background), the attributes bold underline
#                    reverse dim italic; or "none" alone (no colour, no attribute)
#   COLOUR           black red green yellow blue magenta cyan white, bright-black …
#                    bright-white, 0–255 (xterm palette), #rrggbb, or default (the
#                    terminal's own); each is mapped to the nearest colour the terminal has
# A line sets the role's whole style; colours it leaves out are those of "normal".

normal              = none
prompt              = cyan bold
query               = bright-white
placeholder         = dim italic
cursor              = reverse
spinner             = magenta
suggestion          = none
selected            = bright-white on blue bold
highlight           = yellow bold
selected.highlight  = bright-yellow on blue bold
info                = bright-black
error               = bright-white on red bold
status              = white on 236
status.connected    = green on 236 bold
status.disconnected = bright-red on 236 bold
status.warning      = yellow on 236 bold
transcript.time     = bright-black
transcript.sent     = cyan
transcript.received = green
transcript.error    = bright-red
transcript.stale    = yellow
transcript.selected = bright-white on blue bold
border              = bright-black
title               = bright-white bold
overlay             = white on 235

"""#),
        ("light", #"""
# wisp theme "light": for terminals with a light background. Dark text on the
# terminal's own background; greys are chosen to stay dark on 8-colour terminals.
#
# Format (full reference: themes/README.md in the wisp sources):
#   key = value      one per line; blank lines and lines starting with "#" are ignored
#   key              a UI role (normal prompt query placeholder cursor spinner suggestion
#                    selected highlight selected.highlight info error status
#                    status.connected status.disconnected status.warning transcript.time
#                    transcript.sent transcript.received transcript.error transcript.stale
#                    transcript.selected border title overlay), or "inherits" with the name
#                    of a built-in theme to start from
#   value            words in any order: a bare COLOUR or fg:COLOUR (foreground),
#                    on COLOUR or bg:COLOUR (background), the attributes bold underline
#                    reverse dim italic; or "none" alone (no colour, no attribute)
#   COLOUR           black red green yellow blue magenta cyan white, bright-black …
#                    bright-white, 0–255 (xterm palette), #rrggbb, or default (the
#                    terminal's own); each is mapped to the nearest colour the terminal has
# A line sets the role's whole style; colours it leaves out are those of "normal".

normal              = none
prompt              = blue bold
query               = black
placeholder         = dim italic
cursor              = reverse
spinner             = magenta
suggestion          = none
selected            = bright-white on blue bold
highlight           = magenta bold
selected.highlight  = bright-yellow on blue bold
info                = 242
error               = bright-white on red bold
status              = black on 252
status.connected    = 28 on 252 bold
status.disconnected = 124 on 252 bold
status.warning      = 130 on 252 bold
transcript.time     = 242
transcript.sent     = blue
transcript.received = 28
transcript.error    = 124 bold
transcript.stale    = 130
transcript.selected = bright-white on blue bold
border              = 242
title               = black bold
overlay             = black on 254

"""#),
        ("high-contrast", #"""
# wisp theme "high-contrast": bright text on black, saturated colours and bold,
# for low vision, glare and projectors. It paints its own background.
#
# Format (full reference: themes/README.md in the wisp sources):
#   key = value      one per line; blank lines and lines starting with "#" are ignored
#   key              a UI role (normal prompt query placeholder cursor spinner suggestion
#                    selected highlight selected.highlight info error status
#                    status.connected status.disconnected status.warning transcript.time
#                    transcript.sent transcript.received transcript.error transcript.stale
#                    transcript.selected border title overlay), or "inherits" with the name
#                    of a built-in theme to start from
#   value            words in any order: a bare COLOUR or fg:COLOUR (foreground),
#                    on COLOUR or bg:COLOUR (background), the attributes bold underline
#                    reverse dim italic; or "none" alone (no colour, no attribute)
#   COLOUR           black red green yellow blue magenta cyan white, bright-black …
#                    bright-white, 0–255 (xterm palette), #rrggbb, or default (the
#                    terminal's own); each is mapped to the nearest colour the terminal has
# A line sets the role's whole style; colours it leaves out are those of "normal".

normal              = bright-white on black
prompt              = bright-yellow bold
query               = bright-white bold
placeholder         = white italic
cursor              = reverse
spinner             = bright-yellow
suggestion          = bright-white
selected            = black on bright-yellow bold
highlight           = bright-cyan bold underline
selected.highlight  = blue on bright-yellow bold underline
info                = bright-cyan
error               = bright-white on red bold
status              = black on bright-white
status.connected    = black on bright-green bold
status.disconnected = bright-white on red bold
status.warning      = black on bright-yellow bold
transcript.time     = white
transcript.sent     = bright-cyan
transcript.received = bright-green
transcript.error    = bright-red bold
transcript.stale    = bright-yellow
transcript.selected = black on bright-yellow bold
border              = bright-white
title               = bright-white bold underline
overlay             = bright-white on black

"""#),
        ("mono", #"""
# wisp theme "mono": attributes only, no colours; chosen when NO_COLOR is set, and
# right for monochrome terminals.
#
# Format (full reference: themes/README.md in the wisp sources):
#   key = value      one per line; blank lines and lines starting with "#" are ignored
#   key              a UI role (normal prompt query placeholder cursor spinner suggestion
#                    selected highlight selected.highlight info error status
#                    status.connected status.disconnected status.warning transcript.time
#                    transcript.sent transcript.received transcript.error transcript.stale
#                    transcript.selected border title overlay), or "inherits" with the name
#                    of a built-in theme to start from
#   value            words in any order: a bare COLOUR or fg:COLOUR (foreground),
#                    on COLOUR or bg:COLOUR (background), the attributes bold underline
#                    reverse dim italic; or "none" alone (no colour, no attribute)
#   COLOUR           black red green yellow blue magenta cyan white, bright-black …
#                    bright-white, 0–255 (xterm palette), #rrggbb, or default (the
#                    terminal's own); each is mapped to the nearest colour the terminal has
# A line sets the role's whole style; colours it leaves out are those of "normal".

normal              = none
prompt              = bold
query               = none
placeholder         = dim
cursor              = reverse
spinner             = bold
suggestion          = none
selected            = reverse
highlight           = bold underline
selected.highlight  = reverse bold underline
info                = dim
error               = reverse bold
status              = reverse
status.connected    = reverse bold
status.disconnected = reverse bold underline
status.warning      = reverse bold
transcript.time     = dim
transcript.sent     = none
transcript.received = none
transcript.error    = bold
transcript.stale    = dim
transcript.selected = reverse
border              = dim
title               = bold
overlay             = none

"""#),
    ]
}
