// The focus view's two columns, shared by the live view and its skeleton so that loading never shifts the layout.
// The aside sticks below the workspace's 56px top bar. Below lg one column that may be narrower than its content
// (minmax(0, 1fr)): on a phone the questions wrap instead of widening the page.
export const focusGrid = "grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,1fr)_24rem] xl:grid-cols-[minmax(0,1fr)_28rem]";
export const focusAside = "lg:sticky lg:top-[4.5rem] lg:self-start";
export const focusAsideCard = "flex flex-col lg:max-h-[calc(100vh-5.5rem)]";
