"""The demo community: `loader.load_demo()` for the `oneteam demo` command, tests and browser tests.

Everything loaded is marked as demo content (is_demo on chapters, events and profiles; email
addresses at data.DEMO_DOMAIN) and pages show a "Demo" tag for it. Import from the modules
(`oneteam.demo.loader`, `.data`, `.digest`): this package is an installed app, so it must not
load models when Django imports it.
"""
