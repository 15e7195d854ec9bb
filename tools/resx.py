#!/usr/bin/env python3
"""Adds or updates entries in a .resx file: resx.py FILE KEY=VALUE ... (or lines 'KEY=VALUE' on stdin).
Keeps existing entries and their order; new keys are appended. Used by developers, never at run time."""
import sys, xml.etree.ElementTree as ET, os

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
'''

def main():
    path = sys.argv[1]
    pairs = sys.argv[2:] or [l.rstrip("\n") for l in sys.stdin if "=" in l and not l.startswith("#")]
    if not os.path.exists(path):
        open(path, "w", encoding="utf-8").write(HEADER)
    tree = ET.parse(path)
    root = tree.getroot()
    existing = {d.get("name"): d for d in root.findall("data")}
    for pair in pairs:
        key, value = pair.split("=", 1)
        key = key.strip()
        if key in existing:
            existing[key].find("value").text = value
        else:
            d = ET.SubElement(root, "data", {"name": key, "xml:space": "preserve"})
            ET.SubElement(d, "value").text = value
            existing[key] = d
    ET.indent(tree, "  ")
    tree.write(path, encoding="utf-8", xml_declaration=True)

main()
