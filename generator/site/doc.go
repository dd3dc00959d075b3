// Package site holds the types every stage of the Almanac pipeline shares:
// the Site being built, its Pages and Entities, source positions and
// Diagnostics, the Config, and the Kind interface that content kinds
// implement.
//
// Stages never import each other in a circle: they all import site, and
// kinds (generator/kinds/...) import site plus, where a kind builds on
// another's model, that kind's package (for example runbook imports catalog).
package site
