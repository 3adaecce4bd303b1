"""Syntax trees to what a mini-program means: scopes and bindings, wx API uses,
units (App/Page/Component), WXML bindings and conditions, module imports."""
